import { describe, expect, test } from 'vitest';
import { CliError } from './errors';
import { healthOf } from './token-health';

const now = new Date('2026-01-01T00:00:00Z');
const week = 7 * 86_400_000;

describe('keyline status: state and exit code', () => {
  test('valid beyond the window: 0', () => {
    expect(healthOf({ expiresAt: '2026-01-30T00:00:00.000Z' }, now, week)).toEqual({ state: 'valid', expiresAt: '2026-01-30T00:00:00.000Z', exitCode: 0 });
  });

  test('valid but ending within the window (its edge included): 2', () => {
    expect(healthOf({ expiresAt: '2026-01-03T00:00:00.000Z' }, now, week).exitCode).toBe(2);
    expect(healthOf({ expiresAt: '2026-01-08T00:00:00.000Z' }, now, week)).toMatchObject({ state: 'expiring', exitCode: 2 });
    expect(healthOf({ expiresAt: '2026-01-08T00:00:00.001Z' }, now, week)).toMatchObject({ state: 'valid', exitCode: 0 });
  });

  test.each([
    ['auth_not_configured', 'missing'],
    ['token_expired', 'expired'],
    ['token_revoked', 'revoked'],
    ['token_invalid', 'invalid'],
    ['network_error', 'unknown'],
  ] as const)('%s: %s, exit 1 with the reason', (code, state) => {
    expect(healthOf(new CliError(code, 'why'), now, week)).toEqual({ state, reason: `${code}: why`, exitCode: 1 });
  });
});
