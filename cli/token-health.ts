import { exitCodes, type CliError } from './errors';

export type TokenHealth =
  | { state: 'valid'; expiresAt: string; exitCode: 0 }
  | { state: 'expiring'; expiresAt: string; exitCode: 2 }
  | { state: 'missing' | 'invalid' | 'expired' | 'revoked' | 'unknown'; reason: string; exitCode: 1 };

/**
 * What `keyline status` says of a token, and its exit code: 0 valid, 2 valid but expiring within the
 * window (so a CI step or cron can warn ahead), 1 for everything that does not work.
 */
export function healthOf(answer: { expiresAt: string } | CliError, now: Date, withinMs: number): TokenHealth {
  if (!('expiresAt' in answer)) {
    const state =
      answer.code === 'auth_not_configured'
        ? 'missing'
        : answer.code === 'token_expired'
          ? 'expired'
          : answer.code === 'token_revoked'
            ? 'revoked'
            : answer.code === 'token_invalid'
              ? 'invalid'
              : 'unknown';
    return { state, reason: `${answer.code}: ${answer.message}`, exitCode: exitCodes.failure };
  }
  const left = Date.parse(answer.expiresAt) - now.getTime();
  if (left <= withinMs) return { state: 'expiring', expiresAt: answer.expiresAt, exitCode: exitCodes.expiringSoon };
  return { state: 'valid', expiresAt: answer.expiresAt, exitCode: exitCodes.ok };
}
