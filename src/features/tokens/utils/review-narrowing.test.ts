import { describe, expect, it } from 'vitest';
import { bulkNarrowMessages, type AdminApiKey } from '../../../contract/admin';
import { narrowScopesMessages } from '../../../contract/usage';
import { buildApiKey } from '../../../testing/factories';
import { narrowingSummary, previewNarrowing } from './review-narrowing';

const row = (id: string, scopes: string[], unused: string[], extra: Partial<AdminApiKey> = {}): AdminApiKey => ({
  ...buildApiKey({ id, name: id, scopes }),
  usedScopes: scopes.filter((scope) => !unused.includes(scope)),
  unusedScopes: unused.map((scope) => ({ scope, neverUsed: true })),
  ...extra,
});

describe('previewNarrowing', () => {
  it('lists what each selected row loses, then the rows it skips and why', () => {
    const rows = [
      row('quiet', ['read:security'], ['read:security']),
      row('wide', ['read:projects', 'write:deployments'], ['write:deployments']),
      row('busy', ['read:projects'], []),
      row('other', ['read:projects', 'read:security'], ['read:security']),
      row('gone', ['read:projects', 'read:security'], [], { status: 'revoked' }),
    ];
    const previews = previewNarrowing(rows, new Set(['quiet', 'wide', 'busy', 'gone']));
    expect(previews.map(({ token, plan }) => [token.id, plan.ok ? plan.remove : plan.reason])).toEqual([
      ['wide', ['write:deployments']],
      ['quiet', narrowScopesMessages.lastScope],
      ['busy', bulkNarrowMessages.nothingUnused],
      ['gone', narrowScopesMessages.notActive],
    ]);
  });
});

describe('narrowingSummary', () => {
  it('says how many were narrowed and how many skipped', () => {
    expect(narrowingSummary({ narrowed: [{ id: 'a', name: 'a', removed: ['x'] }], skipped: [] })).toBe('Removed unused scopes from 1 token.');
    expect(narrowingSummary({ narrowed: [], skipped: [{ id: 'a', name: 'a', reason: 'r' }, { id: 'b', name: null, reason: 'r' }] })).toBe(
      'Removed unused scopes from 0 tokens, skipped 2.',
    );
  });
});
