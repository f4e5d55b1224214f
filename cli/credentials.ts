import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod/mini';
import { timestampSchema } from '../src/contract/timestamp';
import { CliError, type CredentialKind } from './errors';

/** The login `keyline login` keeps: the server, the machine's token and what it knows about it. */
export const storedLoginSchema = z.object({
  url: z.string(),
  token: z.string(),
  apiKeyId: z.string(),
  tokenName: z.string(),
  username: z.string(),
  expiresAt: timestampSchema,
});
export type StoredLogin = z.infer<typeof storedLoginSchema>;

/** Where the login lives: `$XDG_CONFIG_HOME/keyline/credentials.json`, else `~/.config/keyline/…`. */
export function credentialsPath(env: NodeJS.ProcessEnv): string {
  const configHome = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(configHome, 'keyline', 'credentials.json');
}

export function readStoredLogin(path: string): StoredLogin | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError('credentials_unreadable', `Could not read ${path}: ${(error as Error).message}`);
  }
  try {
    return storedLoginSchema.parse(JSON.parse(text));
  } catch {
    throw new CliError('credentials_unreadable', `${path} is not a login this CLI wrote: run \`keyline login\` again, or delete it.`);
  }
}

/**
 * Written to a new file created 0600 in a 0700 directory, then renamed over the old one: the
 * secret is never readable by others, not even for a moment, and a crash leaves the old login whole.
 */
export function writeStoredLogin(path: string, login: StoredLogin): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, path);
}

export function forgetStoredLogin(path: string): void {
  rmSync(path, { force: true });
}

export type ResolvedAuth = { url: string; token: string | null; credential: CredentialKind; login: StoredLogin | null };

export const defaultUrl = 'http://localhost:8787';

/**
 * Which credential a command uses: `--token`, then `KEYLINE_TOKEN`, then the stored login. The server:
 * `--url`, then `KEYLINE_URL`, then the stored login's, then a local server on the default port.
 */
export function resolveAuth(flags: { token?: string; url?: string }, env: NodeJS.ProcessEnv, login: StoredLogin | null): ResolvedAuth {
  const url = normalizeUrl(flags.url ?? (env.KEYLINE_URL || undefined) ?? login?.url ?? defaultUrl);
  // A token pasted with its line break would make the header invalid.
  const flagToken = flags.token?.trim();
  const envToken = env.KEYLINE_TOKEN?.trim();
  if (flagToken) return { url, token: flagToken, credential: { source: 'flag' }, login };
  if (envToken) return { url, token: envToken, credential: { source: 'env' }, login };
  if (login) return { url, token: login.token, credential: { source: 'login', expiresAt: login.expiresAt }, login };
  return { url, token: null, credential: null, login };
}

export function normalizeUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError('usage', `"${text}" is not a URL such as https://keyline.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CliError('usage', `Use an http or https URL, not "${text}".`);
  return url.origin;
}
