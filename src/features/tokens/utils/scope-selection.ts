import type { Scope } from '../../../contract/policy';

/** What a token may do with one resource. `write` implies `read`. */
export const accessLevels = ['none', 'read', 'write'] as const;
export type ResourceAccess = (typeof accessLevels)[number];

/** The picker's value: one access level per resource, e.g. `{ deployments: 'write' }`. */
export type ScopeSelection = Readonly<Record<string, ResourceAccess>>;

/** One row of the picker: a resource and the scopes of it that may be chosen. */
export type ScopeGroup = {
  resource: string;
  read: Scope | undefined;
  write: Scope | undefined;
};

/** The allowed scopes grouped by resource, in catalog order. */
export function groupScopes(scopes: readonly Scope[]): ScopeGroup[] {
  const groups = new Map<string, ScopeGroup>();
  for (const scope of scopes) {
    const group = groups.get(scope.resource) ?? { resource: scope.resource, read: undefined, write: undefined };
    group[scope.access] = scope;
    groups.set(scope.resource, group);
  }
  return [...groups.values()];
}

/** "deployments" → "Deployments". */
export function resourceLabel(resource: string): string {
  return resource.charAt(0).toUpperCase() + resource.slice(1);
}

/** The scope ids a selection stands for: `write` sends both `read:x` and `write:x`. */
export function selectionToScopes(selection: ScopeSelection, groups: readonly ScopeGroup[]): string[] {
  return groups.flatMap((group) => {
    const access = selection[group.resource] ?? 'none';
    const ids: string[] = [];
    if ((access === 'read' || access === 'write') && group.read) ids.push(group.read.id);
    if (access === 'write' && group.write) ids.push(group.write.id);
    return ids;
  });
}

/** The selection a list of scope ids stands for, limited to what `groups` offer. */
export function scopesToSelection(scopes: readonly string[], groups: readonly ScopeGroup[]): ScopeSelection {
  const wanted = new Set(scopes);
  const selection: Record<string, ResourceAccess> = {};
  for (const group of groups) {
    if (group.write && wanted.has(group.write.id)) selection[group.resource] = 'write';
    else if (group.read && wanted.has(group.read.id)) selection[group.resource] = 'read';
  }
  return selection;
}

/** Drops choices the groups no longer offer (after switching environment): write falls back to read. */
export function limitSelection(selection: ScopeSelection, groups: readonly ScopeGroup[]): ScopeSelection {
  const limited: Record<string, ResourceAccess> = {};
  for (const group of groups) {
    const access = selection[group.resource];
    if (access === 'write' && group.write) limited[group.resource] = 'write';
    else if ((access === 'write' || access === 'read') && group.read) limited[group.resource] = 'read';
  }
  return limited;
}

export function sameSelection(a: ScopeSelection, b: ScopeSelection): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => (a[key] ?? 'none') === (b[key] ?? 'none'));
}
