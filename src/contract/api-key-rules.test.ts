import { describe, expect, test } from 'vitest';
import { checkApiKeyRequest, checkRotation, dayMs, nameKey, nameProblem, narrowerTokenRequest, planRotation } from './api-key-rules';
import { defaultPolicy, type Policy } from './policy';

const now = new Date('2026-03-01T12:00:00.000Z');
const policy: Policy = { ...defaultPolicy, maxLifetimeDays: 60, allowedScopesByEnvironment: { production: ['read:projects'] } };

describe('create rules', () => {
  test('a request within the policy comes back with implied reads and its expiry', () => {
    const result = checkApiKeyRequest({ name: 'ci', environment: 'staging', scopes: ['write:projects'], expiresInDays: 7, description: '' }, policy, now);
    expect(result).toEqual({
      ok: true,
      value: {
        environment: defaultPolicy.environments[1],
        scopes: ['read:projects', 'write:projects'],
        expiresAt: new Date(now.getTime() + 7 * dayMs),
        description: null,
      },
    });
  });

  test('every broken rule is reported at once, with the environment’s label', () => {
    const result = checkApiKeyRequest({ name: 'ci', environment: 'production', scopes: ['write:projects'], expiresInDays: 61 }, policy, now);
    expect(result).toEqual({
      ok: false,
      fields: { scopes: '“write:projects” is not allowed for Production tokens.', expiresInDays: 'Tokens may live at most 60 days.' },
    });
  });

  test('an unknown environment or scope, and an expiry date in the past or too far off, are refused', () => {
    expect(checkApiKeyRequest({ name: 'x', environment: 'moon', scopes: ['fly:rockets'], expiresAt: '2026-03-01T11:00:00.000Z' }, policy, now)).toEqual({
      ok: false,
      fields: {
        environment: 'Choose one of: development, staging, production.',
        scopes: 'Unknown scope “fly:rockets”.',
        expiresAt: 'The expiry date must be in the future.',
      },
    });
    expect(checkApiKeyRequest({ name: 'x', environment: 'staging', scopes: ['read:projects'], expiresAt: '2026-05-01T12:00:00.001Z' }, policy, now)).toEqual({
      ok: false,
      fields: { expiresAt: 'Tokens may live at most 60 days.' },
    });
  });
});

describe('names', () => {
  test('a name is taken only by an active token of the same owner, whatever its case', () => {
    const tokens = [
      { name: 'CI deploy', status: 'active' },
      { name: 'old', status: 'revoked' },
    ] as const;
    expect(nameProblem(' ci DEPLOY ', tokens)).toBe('You already have an active token named “ci DEPLOY”.');
    expect(nameProblem('old', tokens)).toBeUndefined();
  });

  test('look-alikes are the same name: composed or not, compatibility forms, invisible characters', () => {
    const tokens = [{ name: 'Caf\u00e9 deploy', status: 'active' }] as const;
    for (const lookAlike of ['Cafe\u0301 deploy', '\uff23\uff41\uff46\u00e9\u3000deploy', 'caf\u00e9\u200b deploy', 'CAF\u00c9 DEPLOY']) {
      expect(nameProblem(lookAlike, tokens), lookAlike).toBeDefined();
    }
    expect(nameProblem('Cafe deploy', tokens)).toBeUndefined();
    expect(nameKey('\uff23\uff41\uff46e\u0301\u200b')).toBe('caf\u00e9');
  });
});

describe('rotate rules', () => {
  const createdAt = new Date(now.getTime() - 10 * dayMs);

  test('a live token is renewed for the lifetime it had, and the old secret keeps its grace period', () => {
    const plan = planRotation({ createdAt, rotatedAt: null, expiresAt: new Date(now.getTime() + 20 * dayMs) }, '24h', policy, now);
    expect(plan).toEqual({ expiresAt: new Date(now.getTime() + 30 * dayMs), previousValidUntil: new Date(now.getTime() + dayMs), gracePeriod: '24h' });
  });

  test('an expired token gets no grace period, and no renewal goes past the policy’s limit', () => {
    const plan = planRotation({ createdAt: new Date(now.getTime() - 400 * dayMs), rotatedAt: null, expiresAt: now }, '7d', policy, now);
    expect(plan).toEqual({ expiresAt: new Date(now.getTime() + 60 * dayMs), previousValidUntil: now, gracePeriod: 'none' });
  });

  test('a token is rotated only within the policy as it is now, and the narrower token offered keeps what is still allowed', () => {
    const token = { name: 'Deploy', description: null, environment: 'production', scopes: ['read:projects', 'write:projects', 'read:gone'] };
    expect(checkRotation(policy, token)).toEqual({
      ok: false,
      fields: { scopes: '“write:projects”, “read:gone” are no longer allowed for Production tokens. Create a narrower token instead.' },
    });
    expect(narrowerTokenRequest(policy, token)).toEqual({ name: 'Deploy', description: undefined, environment: 'production', scopes: ['read:projects'] });
    expect(checkRotation(policy, { environment: 'qa', scopes: ['read:projects'] })).toEqual({
      ok: false,
      fields: { environment: 'The “qa” environment is no longer allowed. Create a token for another environment instead.' },
    });
    expect(narrowerTokenRequest(policy, { ...token, environment: 'qa' }).environment).toBe('development');
    expect(checkRotation(policy, { environment: 'staging', scopes: ['write:projects'] })).toEqual({ ok: true, value: defaultPolicy.environments[1] });
  });

});
