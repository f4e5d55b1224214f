import { routes } from '../../src/contract/paths';
import { meResponseSchema } from '../../src/contract/users';
import { parseCommand } from '../args';
import { connect, notSignedIn } from '../connection';
import { parseDuration, relativeTime } from '../durations';
import { CliError } from '../errors';
import type { Io } from '../io';
import { healthOf } from '../token-health';

export const statusHelp = `Usage: keyline status [--check] [--within 7d] [--json] [--url URL] [--token TOKEN]

Says whether the token works and when it expires. Exit code:
  0  valid
  1  missing, invalid, expired or revoked (or the server could not be asked)
  2  valid, but expiring within the window (--within, default 7d)

Options:
  --check        print nothing when the token is fine; one line on stderr when not (for CI and cron:
                 keyline status --check || alert)
  --within DUR   the warning window, e.g. 7d, 36h, 2w
  --json         the result as JSON on stdout`;

export async function status(io: Io, args: string[]): Promise<number> {
  const { values } = parseCommand('status', args, { check: { type: 'boolean' }, within: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return io.stdout(statusHelp), 0;
  const withinMs = parseDuration(values.within ?? '7d', '--within');
  const { auth, client } = connect(io, values);
  const now = io.now();
  let answer: { expiresAt: string } | CliError;
  try {
    if (!auth.token) throw notSignedIn();
    const me = await client.call(routes.me, meResponseSchema);
    if (me.auth.method !== 'token') throw new CliError('unexpected_response', 'The server did not see a token.');
    answer = { expiresAt: me.auth.expiresAt };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    answer = error;
  }
  const health = healthOf(answer, now, withinMs);
  if (values.json) {
    io.stdout(JSON.stringify({ url: auth.url, source: auth.credential?.source ?? null, ...health }, null, 2));
    return health.exitCode;
  }
  if (health.state === 'valid' || health.state === 'expiring') {
    const line = `${health.state === 'valid' ? 'Valid' : 'Expiring soon'}: the token expires ${relativeTime(new Date(health.expiresAt), now)} (${health.expiresAt}).`;
    if (!values.check) io.stdout(line);
    else if (health.state === 'expiring') io.stderr(`keyline: token_expiring: ${line}`);
    return health.exitCode;
  }
  io.stderr(`keyline: ${health.reason}`);
  return health.exitCode;
}
