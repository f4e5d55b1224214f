import {
  deviceCodeResponseSchema,
  deviceTokenErrorSchema,
  type DeviceCodeRequest,
} from '../../src/contract/device';
import { routes } from '../../src/contract/paths';
import { createApiKeyResponseSchema } from '../../src/contract/tokens';
import { meResponseSchema } from '../../src/contract/users';
import { parseCommand } from '../args';
import { createClient, type Client } from '../client';
import { clientName, connect, userAgent } from '../connection';
import { writeStoredLogin } from '../credentials';
import { parseExpiryDays } from '../durations';
import { CliError } from '../errors';
import type { Io } from '../io';

export const loginHelp = `Usage: keyline login [--url URL] [--env ENV] [--scope SCOPE]... [--expires 30d] [--no-browser]

Signs this machine in by device authorization: shows a code and a link, you compare the code and
approve on the page, and a token named "CLI on <hostname>" is stored for this machine in
$XDG_CONFIG_HOME/keyline/credentials.json (else ~/.config/keyline/), readable by you alone.

Options:
  --url URL        the Keyline server (default: KEYLINE_URL, else http://localhost:8787)
  --env ENV        the environment the token should have (you can change it when approving)
  --scope SCOPE    a scope to ask for; repeat for more
  --expires DAYS   the token's lifetime, e.g. 30d or 2w
  --no-browser     only print the link: open it on any device where you are signed in`;

export async function login(io: Io, args: string[]): Promise<number> {
  const { values } = parseCommand('login', args, {
    env: { type: 'string' },
    scope: { type: 'string', multiple: true },
    expires: { type: 'string' },
    'no-browser': { type: 'boolean' },
  });
  if (values.help) return io.stdout(loginHelp), 0;
  const request: DeviceCodeRequest = {
    clientName,
    hostname: io.hostname().trim().slice(0, 80) || 'unknown host',
    ...(values.env === undefined ? {} : { environment: values.env }),
    ...(values.scope === undefined ? {} : { scopes: values.scope }),
    ...(values.expires === undefined ? {} : { expiresInDays: parseExpiryDays(values.expires) }),
  };
  // The device login's own calls carry no token: an old or overriding one must not be sent along.
  const { auth, path } = connect(io, { url: values.url, token: undefined });
  const client = createClient(io, { baseUrl: auth.url, token: null, credential: null, userAgent });
  const flow = await client.call(routes.deviceCode, deviceCodeResponseSchema, { method: 'POST', json: request });

  io.stderr(`To sign in, open this page and check that it shows the code ${flow.userCode}:`);
  io.stderr('');
  io.stderr(`  ${flow.verificationUriComplete}`);
  io.stderr('');
  const opened = !values['no-browser'] && io.openBrowser(flow.verificationUriComplete);
  io.stderr(`${opened ? 'Opened it in your browser. ' : ''}Waiting for approval (the code works for ${Math.round(flow.expiresIn / 60)} minutes)…`);

  const { apiKey, secret } = await pollForToken(io, client, flow.deviceCode, flow.interval, flow.expiresIn);
  const signedIn = createClient(io, { baseUrl: auth.url, token: secret, credential: { source: 'login', expiresAt: apiKey.expiresAt }, userAgent });
  const me = await signedIn.call(routes.me, meResponseSchema);
  writeStoredLogin(path, { url: auth.url, token: secret, apiKeyId: apiKey.id, tokenName: apiKey.name, username: me.user.username, expiresAt: apiKey.expiresAt });
  io.stdout(`Signed in to ${auth.url} as ${me.user.username} with the token "${apiKey.name}" (${apiKey.environment}, expires ${apiKey.expiresAt.slice(0, 10)}).`);
  return 0;
}

/**
 * RFC 8628 §3.5 polling: never faster than the interval, which grows by what `slow_down` says, and
 * no longer than the codes live.
 */
export async function pollForToken(io: Io, client: Client, deviceCode: string, interval: number, expiresIn: number) {
  const deadline = io.now().getTime() + expiresIn * 1000;
  let seconds = Math.max(1, interval);
  while (io.now().getTime() < deadline) {
    await io.sleep(seconds * 1000);
    const res = await client.send(routes.deviceToken, { method: 'POST', json: { deviceCode } });
    const body = await client.readJson(res);
    if (res.ok) {
      const parsed = createApiKeyResponseSchema.safeParse(body);
      if (!parsed.success) throw new CliError('unexpected_response', 'The server’s answer to the approved login was not understood.');
      return parsed.data;
    }
    const answer = deviceTokenErrorSchema.safeParse(body);
    if (!answer.success) throw new CliError(res.status === 429 ? 'rate_limited' : 'unexpected_response', `The server answered ${res.status} while waiting for approval.`);
    switch (answer.data.error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        seconds = answer.data.interval ?? seconds + 5;
        continue;
      case 'access_denied':
        throw new CliError('access_denied', 'The login was denied in the browser. Nothing was stored.');
      case 'expired_token':
        throw new CliError('login_expired', 'The code expired before anyone approved it: run `keyline login` again.');
      case 'invalid_grant':
        throw new CliError('login_expired', `${answer.data.error_description} Run \`keyline login\` again.`);
    }
  }
  throw new CliError('login_expired', 'The code expired before anyone approved it: run `keyline login` again.');
}
