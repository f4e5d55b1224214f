import { describe, expect, it } from 'vitest';
import { grantsScope, mayIntrospect, requiredScopesOf } from './introspection';
import { lastDays, narrowedScopes, unusedScopesOf } from './usage';

const day = 24 * 60 * 60 * 1000;
const now = new Date('2030-03-01T10:00:00Z');
const createdDaysAgo = (days: number) => new Date(now.getTime() - days * day).toISOString();

describe('scopes', () => {
  it('write:x grants read:x, never the other way round', () => {
    expect(grantsScope(['write:deployments'], 'read:deployments')).toBe(true);
    expect(grantsScope(['read:deployments'], 'write:deployments')).toBe(false);
    expect(grantsScope(['write:deployments'], 'read:projects')).toBe(false);
    expect(requiredScopesOf(' read:a  read:a write:b ')).toEqual(['read:a', 'write:b']);
  });

  it('only a token of a service account holding the introspect permission may introspect, never a session', () => {
    expect(mayIntrospect({ method: 'token', user: { kind: 'service_account', permissions: ['introspect'] } })).toBe(true);
    expect(mayIntrospect({ method: 'token', user: { kind: 'service_account', permissions: [] } })).toBe(false);
    // A person never holds a permission, whatever the data says; nor does a browser session.
    expect(mayIntrospect({ method: 'token', user: { kind: 'person', permissions: ['introspect'] } })).toBe(false);
    expect(mayIntrospect({ method: 'session' })).toBe(false);
  });
});

describe('unusedScopesOf', () => {
  const token = { scopes: ['read:projects', 'read:deployments', 'write:deployments'], createdAt: createdDaysAgo(45) };

  it('suggests nothing for a token held less than 30 days', () => {
    expect(unusedScopesOf({ ...token, createdAt: createdDaysAgo(29) }, [], now)).toEqual([]);
  });

  it('a read use counts for the held read scope, so the write scope is suggested', () => {
    expect(unusedScopesOf(token, ['read:deployments', 'read:projects', null], now)).toEqual([{ scope: 'write:deployments', neverUsed: true }]);
  });

  it('a read use counts for the write scope that granted it when read is not held', () => {
    expect(unusedScopesOf({ scopes: ['write:deployments', 'read:projects'], createdAt: createdDaysAgo(45) }, ['read:deployments'], now)).toEqual([
      { scope: 'read:projects', neverUsed: true },
    ]);
  });

  it('past the 90 days kept, says "not used" rather than "never used"', () => {
    expect(unusedScopesOf({ scopes: ['read:projects'], createdAt: createdDaysAgo(120) }, [], now)).toEqual([{ scope: 'read:projects', neverUsed: false }]);
  });
});

describe('narrowedScopes', () => {
  it('keeps the order of what is held and can only take away', () => {
    expect(narrowedScopes(['read:a', 'write:a', 'read:b'], ['write:a'])).toEqual({ ok: true, scopes: ['read:a', 'read:b'] });
    expect(narrowedScopes(['read:a'], ['write:a'])).toEqual({ ok: false, message: 'The token does not hold this scope.' });
    expect(narrowedScopes(['read:a'], ['read:a'])).toEqual({ ok: false, message: 'A token keeps at least one scope: revoke it instead.' });
  });
});

it('lastDays: the last n UTC days, oldest first', () => {
  expect(lastDays(new Date('2030-03-01T00:30:00Z'), 3)).toEqual(['2030-02-27', '2030-02-28', '2030-03-01']);
});
