import { describe, expect, it } from 'vitest';
import { defaultScopeCatalog, type Scope } from '../../../contract/policy';
import { groupScopesByResource } from './group-scopes';

describe('groupScopesByResource', () => {
  it('groups the default catalog into its four resources, in order', () => {
    const groups = groupScopesByResource(defaultScopeCatalog);
    expect(groups.map((g) => g.resource)).toEqual(['projects', 'workflows', 'security', 'deployments']);
    expect(groups[0]?.scopes.map((s) => s.id)).toEqual(['read:projects', 'write:projects']);
  });

  it('puts read before write whatever the catalog order', () => {
    const scopes: Scope[] = [
      { id: 'write:x', resource: 'x', access: 'write', description: 'w' },
      { id: 'read:x', resource: 'x', access: 'read', description: 'r' },
    ];
    expect(groupScopesByResource(scopes)[0]?.scopes.map((s) => s.id)).toEqual(['read:x', 'write:x']);
  });
});
