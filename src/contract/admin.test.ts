import { describe, expect, it } from 'vitest';
import { bulkNarrowMessages, bulkNarrowPlan, scopeUseNote, withScopeUse } from './admin';
import { narrowScopesMessages } from './usage';

const now = new Date('2030-03-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('withScopeUse', () => {
  it('counts a read use for the held write scope that granted it, and suggests only what was held 30 days unused', () => {
    const token = { scopes: ['read:projects', 'write:deployments'], createdAt: daysAgo(40), status: 'active' };
    expect(withScopeUse(token, ['read:deployments', null], now)).toMatchObject({
      usedScopes: ['write:deployments'],
      unusedScopes: [{ scope: 'read:projects', neverUsed: true }],
    });
    expect(withScopeUse({ ...token, createdAt: daysAgo(29) }, [], now).unusedScopes).toEqual([]);
    expect(withScopeUse({ ...token, status: 'revoked' }, [], now).unusedScopes).toEqual([]);
  });
});

describe('scopeUseNote', () => {
  const unused = (...scopes: string[]) => scopes.map((scope) => ({ scope, neverUsed: true }));

  it('speaks only when some held scope went unused long enough to remove', () => {
    expect(scopeUseNote({ scopes: ['a', 'b', 'c'], usedScopes: ['a'], unusedScopes: unused('b', 'c') })).toBe('Uses only 1 of its 3 scopes');
    expect(scopeUseNote({ scopes: ['a', 'b'], usedScopes: [], unusedScopes: unused('a', 'b') })).toBe('Uses none of its 2 scopes');
    expect(scopeUseNote({ scopes: ['a'], usedScopes: [], unusedScopes: unused('a') })).toBe('Uses none of its 1 scope');
    expect(scopeUseNote({ scopes: ['a', 'b'], usedScopes: ['a', 'b'], unusedScopes: [] })).toBeNull();
  });

  it('says nothing of a token too young (or no longer active) to have an unused scope worth removing', () => {
    expect(scopeUseNote({ scopes: ['a', 'b'], usedScopes: [], unusedScopes: [] })).toBeNull();
    expect(scopeUseNote({ scopes: ['a', 'b', 'c'], usedScopes: ['a'], unusedScopes: [] })).toBeNull();
  });
});

describe('bulkNarrowPlan', () => {
  const unused = (...scopes: string[]) => scopes.map((scope) => ({ scope, neverUsed: true }));
  it('removes the suggestion, never more, and skips a token that would have nothing left', () => {
    expect(bulkNarrowPlan({ scopes: ['a', 'b'], status: 'active', unusedScopes: unused('b') })).toEqual({ ok: true, remove: ['b'], keep: ['a'] });
    expect(bulkNarrowPlan({ scopes: ['a'], status: 'active', unusedScopes: unused('a') })).toEqual({ ok: false, reason: narrowScopesMessages.lastScope });
    expect(bulkNarrowPlan({ scopes: ['a'], status: 'active', unusedScopes: [] })).toEqual({ ok: false, reason: bulkNarrowMessages.nothingUnused });
    expect(bulkNarrowPlan({ scopes: ['a', 'b'], status: 'expired', unusedScopes: unused('b') })).toEqual({ ok: false, reason: bulkNarrowMessages.notActive });
    // A suggestion naming a scope the token does not hold is refused, not added.
    expect(bulkNarrowPlan({ scopes: ['a', 'b'], status: 'active', unusedScopes: unused('z') })).toEqual({ ok: false, reason: narrowScopesMessages.notHeld });
  });
});
