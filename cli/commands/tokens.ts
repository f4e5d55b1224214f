import { formatSecret, type HandOffFormatId } from '../../src/contract/hand-off-formats';
import { gracePeriods, type GracePeriod } from '../../src/contract/lifecycle';
import { paths, routes } from '../../src/contract/paths';
import { apiKeyListSchema, apiKeySchema, apiKeyStatuses, createApiKeyResponseSchema, type ApiKey, type CreateApiKeyRequest } from '../../src/contract/tokens';
import { parseCommand } from '../args';
import type { Client } from '../client';
import { connect, notSignedIn } from '../connection';
import { parseExpiryDays } from '../durations';
import { CliError } from '../errors';
import type { Io } from '../io';

export const tokensHelp = `Usage: keyline tokens <list|create|rotate|revoke> [options]

Manages your tokens with the same rules as the dashboard (the token policy decides environments,
scopes and lifetimes). Needs the login of \`keyline login\`: a token made on the dashboard cannot
manage tokens.

  keyline tokens list [--status active|expired|revoked|all] [--env ENV] [--json]
  keyline tokens create --name NAME --env ENV --scope SCOPE... [--expires 30d] [--description TEXT] [--format raw|env|dotenv]
  keyline tokens rotate <id|name> [--grace none|1h|24h|7d] [--format raw|env|dotenv]
  keyline tokens revoke <id|name>

create and rotate print the new secret once, on stdout alone, shaped by --format:
  raw     the token alone (default), e.g. for a secret store: keyline tokens create … | vault kv put …
  env     export KEYLINE_TOKEN=…
  dotenv  KEYLINE_TOKEN=…  (for a .env file: keyline tokens create … --format dotenv >> .env)`;

/** The CLI's names for the hand-off formats of the dashboard's reveal dialog. */
export const cliFormats: Record<string, HandOffFormatId> = { raw: 'raw', env: 'shell', dotenv: 'dotenv' };

export function parseFormat(text: string | undefined): HandOffFormatId {
  const format = cliFormats[text ?? 'raw'];
  if (!format) throw new CliError('usage', `--format is one of ${Object.keys(cliFormats).join(', ')}, not "${text}".`);
  return format;
}

export async function tokens(io: Io, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h' || action === 'help') return io.stdout(tokensHelp), 0;
  const run = { list, create, rotate, revoke }[action];
  if (!run || !Object.hasOwn({ list, create, rotate, revoke }, action)) {
    throw new CliError('usage', `keyline tokens: no action "${action}". Use list, create, rotate or revoke.`);
  }
  return run(io, rest);
}

function signedIn(io: Io, values: { url?: string; token?: string }) {
  const { auth, client } = connect(io, values);
  if (!auth.token) throw notSignedIn();
  return client;
}

async function list(io: Io, args: string[]): Promise<number> {
  const { values } = parseCommand('tokens list', args, { status: { type: 'string' }, env: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return io.stdout(tokensHelp), 0;
  const status = values.status ?? 'active';
  if (![...apiKeyStatuses, 'all'].includes(status)) throw new CliError('usage', `--status is one of active, expired, revoked, all, not "${status}".`);
  const client = signedIn(io, values);
  const keys: ApiKey[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.call(routes.apiKeys, apiKeyListSchema, { query: { status, environment: values.env, limit: '100', cursor } });
    keys.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (values.json) return io.stdout(JSON.stringify(keys, null, 2)), 0;
  if (keys.length === 0) return io.stdout(`No ${status === 'all' ? '' : `${status} `}tokens.`), 0;
  io.stdout(tokenTable(keys));
  return 0;
}

/** A plain, aligned table: one token a line, nothing secret (the hint is what the dashboard shows too). */
export function tokenTable(keys: readonly ApiKey[]): string {
  const rows = [
    ['ID', 'NAME', 'ENVIRONMENT', 'STATUS', 'EXPIRES', 'LAST USED', 'HINT'],
    ...keys.map((k) => [k.id, k.name, k.environment, k.status, k.expiresAt.slice(0, 10), k.lastUsedAt?.slice(0, 10) ?? 'never', k.hint]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

async function create(io: Io, args: string[]): Promise<number> {
  const { values } = parseCommand('tokens create', args, {
    name: { type: 'string' },
    description: { type: 'string' },
    env: { type: 'string' },
    scope: { type: 'string', multiple: true },
    expires: { type: 'string' },
    format: { type: 'string' },
  });
  if (values.help) return io.stdout(tokensHelp), 0;
  const format = parseFormat(values.format);
  if (!values.name) throw new CliError('usage', 'keyline tokens create: give the token a --name.');
  if (!values.env) throw new CliError('usage', 'keyline tokens create: choose an --env.');
  if (!values.scope?.length) throw new CliError('usage', 'keyline tokens create: choose at least one --scope.');
  const request: CreateApiKeyRequest = {
    name: values.name,
    environment: values.env,
    scopes: values.scope,
    expiresInDays: parseExpiryDays(values.expires ?? '30d'),
    ...(values.description === undefined ? {} : { description: values.description }),
  };
  const client = signedIn(io, values);
  const { apiKey, secret } = await client.call(routes.apiKeys, createApiKeyResponseSchema, { method: 'POST', json: request });
  handOff(io, apiKey, secret, format, 'Created');
  return 0;
}

async function rotate(io: Io, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand('tokens rotate', args, { grace: { type: 'string' }, format: { type: 'string' } }, { positionals: 1 });
  if (values.help) return io.stdout(tokensHelp), 0;
  const format = parseFormat(values.format);
  const gracePeriod = (values.grace ?? 'none') as GracePeriod;
  if (!gracePeriods.includes(gracePeriod)) throw new CliError('usage', `--grace is one of ${gracePeriods.join(', ')}, not "${values.grace}".`);
  const client = signedIn(io, values);
  const target = await findToken(client, positionals[0], 'rotate');
  const { apiKey, secret } = await client.call(paths.apiKeyRotate(target.id), createApiKeyResponseSchema, { method: 'POST', json: { gracePeriod } });
  handOff(io, apiKey, secret, format, 'Rotated');
  return 0;
}

async function revoke(io: Io, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand('tokens revoke', args, {}, { positionals: 1 });
  if (values.help) return io.stdout(tokensHelp), 0;
  const client = signedIn(io, values);
  const target = await findToken(client, positionals[0], 'revoke');
  await client.callNoContent(paths.apiKey(target.id), { method: 'DELETE' });
  io.stdout(`Revoked "${target.name}" (${target.id}): it stops working now.`);
  return 0;
}

/** The secret alone goes to stdout, once; what it is goes to stderr, so `> file` or `| store` gets only the secret. */
function handOff(io: Io, apiKey: ApiKey, secret: string, format: HandOffFormatId, done: string) {
  io.stderr(`${done} "${apiKey.name}" (${apiKey.id}, ${apiKey.environment}, expires ${apiKey.expiresAt.slice(0, 10)}). The secret is shown this once:`);
  io.stdout(formatSecret(secret, format));
}

/** A token by id, or by its exact name among my tokens (the live one first). */
async function findToken(client: Client, idOrName: string | undefined, action: string): Promise<ApiKey> {
  if (!idOrName) throw new CliError('usage', `keyline tokens ${action}: say which token, by id or name.`);
  const named = await client.call(routes.apiKeys, apiKeyListSchema, { query: { status: 'all', q: idOrName.slice(0, 100), limit: '100' } });
  const matches = named.data.filter((k) => k.name === idOrName);
  const byName = matches.find((k) => k.status === 'active') ?? matches[0];
  if (byName) return byName;
  return client.call(paths.apiKey(idOrName), apiKeySchema);
}
