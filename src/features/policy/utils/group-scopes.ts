import type { Scope } from '../../../contract/policy';

export type ScopeGroup = { resource: string; scopes: Scope[] };

/** The catalog grouped by resource, in catalog order; read before write within a group. */
export function groupScopesByResource(scopes: readonly Scope[]): ScopeGroup[] {
  const groups = new Map<string, Scope[]>();
  for (const scope of scopes) {
    const group = groups.get(scope.resource) ?? [];
    group.push(scope);
    groups.set(scope.resource, group);
  }
  const accessOrder = { read: 0, write: 1 } as const;
  return [...groups].map(([resource, group]) => ({
    resource,
    scopes: group.sort((a, b) => accessOrder[a.access] - accessOrder[b.access]),
  }));
}
