import { describe, expect, test } from 'vitest';
import { buildApiKey, daysFromNow, testNow } from '../../../testing/factories';
import { expiringSoonLabel, isExpiringSoon } from './expiry-warnings';

describe('isExpiringSoon', () => {
  test.each([
    ['in 3 days', daysFromNow(3), 'active', true],
    ['in exactly 7 days', daysFromNow(7), 'active', true],
    ['in 8 days', daysFromNow(8), 'active', false],
    ['already expired', daysFromNow(-1), 'expired', false],
    ['revoked, in 2 days', daysFromNow(2), 'revoked', false],
  ] as const)('%s', (_label, expiresAt, status, expected) => {
    expect(isExpiringSoon(buildApiKey({ expiresAt, status }), testNow)).toBe(expected);
  });

  test('counts in words', () => {
    expect(expiringSoonLabel(1)).toBe('1 token expires within 7 days');
    expect(expiringSoonLabel(2)).toBe('2 tokens expire within 7 days');
  });
});
