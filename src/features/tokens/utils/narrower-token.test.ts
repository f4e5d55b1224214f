import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../../../contract/policy';
import { buildApiKey } from '../../../testing/factories';
import { nameMaxLength } from '../../../contract/tokens';
import { narrowerTokenPrefill } from './narrower-token';

const policy: Policy = { ...defaultPolicy, allowedScopesByEnvironment: { production: ['read:projects', 'read:security'] } };
const token = buildApiKey({
  name: 'Deploy',
  description: 'From CI',
  environment: 'production',
  scopes: ['read:projects', 'read:security', 'write:security'],
});

describe('a narrower token in place of a refused rotate', () => {
  it('keeps the environment and the scopes still allowed, renamed while the active token holds the name', () => {
    expect(narrowerTokenPrefill(policy, token)).toEqual({
      name: 'Deploy (narrowed)',
      description: 'From CI',
      environment: 'production',
      scopes: ['read:projects', 'read:security'],
    });
  });

  it('keeps the name of an expired token: it no longer holds it', () => {
    expect(narrowerTokenPrefill(policy, { ...token, status: 'expired' }).name).toBe('Deploy');
  });

  it('shortens a long name to fit the suffix within the limit', () => {
    const name = narrowerTokenPrefill(policy, { ...token, name: 'x'.repeat(nameMaxLength) }).name;
    expect(name).toHaveLength(nameMaxLength);
    expect(name).toMatch(/^x+ \(narrowed\)$/);
  });
});
