import { routes } from '../../src/contract/paths';
import { meResponseSchema } from '../../src/contract/users';
import { parseCommand } from '../args';
import { createClient } from '../client';
import { connect, notSignedIn, userAgent } from '../connection';
import { forgetStoredLogin } from '../credentials';
import { CliError } from '../errors';
import type { Io } from '../io';

export const whoamiHelp = `Usage: keyline whoami [--json] [--url URL] [--token TOKEN]

Prints who the CLI acts as on the server, and with which token.
The token comes from --token, else KEYLINE_TOKEN, else the stored login (prefer KEYLINE_TOKEN to
--token: an argument shows in the process list).`;

export async function whoami(io: Io, args: string[]): Promise<number> {
  const { values } = parseCommand('whoami', args, { json: { type: 'boolean' } });
  if (values.help) return io.stdout(whoamiHelp), 0;
  const { auth, client } = connect(io, values);
  if (!auth.token) throw notSignedIn();
  const me = await client.call(routes.me, meResponseSchema);
  if (values.json) return io.stdout(JSON.stringify({ url: auth.url, ...me }, null, 2)), 0;
  const how = me.auth.method === 'token' ? `with token ${me.auth.apiKeyId}, expires ${me.auth.expiresAt}` : 'with a session';
  io.stdout(`${me.user.username} (${me.user.role}) on ${auth.url}, ${how}`);
  return 0;
}

export const logoutHelp = `Usage: keyline logout

Revokes the stored login's token on the server, then forgets it on this machine. A token given by
KEYLINE_TOKEN or --token is not touched: revoke it on the dashboard or with keyline tokens revoke.`;

export async function logout(io: Io, args: string[]): Promise<number> {
  const { values } = parseCommand('logout', args, {});
  if (values.help) return io.stdout(logoutHelp), 0;
  const { auth, path } = connect(io, { url: values.url, token: values.token });
  const login = auth.login;
  if (!login) throw new CliError('auth_not_configured', 'Not signed in on this machine: nothing to log out.');
  // The stored login's own server, whatever KEYLINE_URL says: that is where its token lives.
  const client = createClient(io, { baseUrl: login.url, token: login.token, credential: { source: 'login', expiresAt: login.expiresAt }, userAgent });
  try {
    await client.callNoContent(routes.authToken, { method: 'DELETE' });
  } catch (error) {
    // Already dead on the server: forgetting it is all that is left to do.
    if (!(error instanceof CliError && ['token_revoked', 'token_expired', 'token_invalid'].includes(error.code))) throw error;
  }
  forgetStoredLogin(path);
  io.stdout(`Logged out: the token "${login.tokenName}" is revoked on ${login.url} and forgotten here.`);
  return 0;
}
