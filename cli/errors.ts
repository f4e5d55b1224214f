import { errorEnvelopeSchema } from '../src/contract/errors';

/**
 * The stable codes a failure is reported with, one line on stderr: `keyline: <code>: <message>`.
 * Scripts may match on the code; the message is for people.
 */
export type ErrorCode =
  | 'usage'
  | 'auth_not_configured'
  | 'token_invalid'
  | 'token_expired'
  | 'token_revoked'
  | 'permission_denied'
  | 'not_found'
  | 'invalid_request'
  | 'rate_limited'
  | 'network_error'
  | 'server_error'
  | 'unexpected_response'
  | 'access_denied'
  | 'login_expired'
  | 'credentials_unreadable';

/** Exit codes: 0 fine, 1 any failure (for `status`: missing, invalid, expired, revoked), 2 expiring soon, 64 bad usage. */
export const exitCodes = { ok: 0, failure: 1, expiringSoon: 2, usage: 64 } as const;

export class CliError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly exitCode: number = code === 'usage' ? exitCodes.usage : exitCodes.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** What kind of credential was sent, to say more than the server's deliberately vague 401. */
export type CredentialKind = { source: 'flag' | 'env' | 'login'; expiresAt?: string | null } | null;

/** One line for a failed answer: the server's own message where it sent the error envelope. */
export function errorFromResponse(status: number, body: unknown, credential: CredentialKind, now: Date, retryAfterSeconds?: number): CliError {
  const envelope = errorEnvelopeSchema.safeParse(body);
  const message = envelope.success ? withFields(envelope.data.error.message, envelope.data.error.fields) : `The server answered ${status}.`;
  if (status === 401) {
    if (!credential) return new CliError('auth_not_configured', 'Not signed in: run `keyline login`, or set KEYLINE_TOKEN.');
    if (credential.expiresAt && Date.parse(credential.expiresAt) <= now.getTime()) {
      return new CliError('token_expired', `The token expired at ${credential.expiresAt}: run \`keyline login\` for a new one.`);
    }
    if (credential.source === 'login') return new CliError('token_revoked', 'The stored login’s token was revoked on the server: run `keyline login` again.');
    return new CliError('token_invalid', `The token from ${credential.source === 'env' ? 'KEYLINE_TOKEN' : '--token'} is invalid, expired or revoked.`);
  }
  if (status === 403) return new CliError('permission_denied', message);
  if (status === 404) return new CliError('not_found', message);
  if (status === 429) {
    const wait = retryAfterSeconds === undefined ? 'a little while' : `${retryAfterSeconds} s`;
    return new CliError('rate_limited', `Too many requests: try again in ${wait}. ${envelope.success ? envelope.data.error.message : ''}`.trim());
  }
  if (status >= 500) return new CliError('server_error', `The server failed (${status}): try again later.`);
  return new CliError('invalid_request', message);
}

function withFields(message: string, fields: Record<string, string> | undefined): string {
  if (!fields) return message;
  const details = Object.entries(fields).map(([field, text]) => `${field}: ${text}`);
  return [message, ...details].join(' ');
}
