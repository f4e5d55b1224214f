import { limitSelection, sameSelection, type ScopeGroup, type ScopeSelection } from './scope-selection';

export type ScopePreset = {
  id: 'read-only' | 'deploy-from-ci' | 'full-access';
  label: string;
  description: string;
  /** The selection this preset stands for, given what the environment allows. */
  select: (groups: readonly ScopeGroup[]) => ScopeSelection;
  /** Shown while the preset's selection is chosen. */
  warning?: string;
};

export const scopePresets: readonly ScopePreset[] = [
  {
    id: 'read-only',
    label: 'Read-only',
    description: 'See everything, change nothing',
    select: (groups) => Object.fromEntries(groups.filter((g) => g.read).map((g) => [g.resource, 'read'])),
  },
  {
    id: 'deploy-from-ci',
    label: 'Deploy from CI',
    description: 'Read projects and workflows, create deployments',
    select: (groups) => limitSelection({ projects: 'read', workflows: 'read', deployments: 'write' }, groups),
  },
  {
    id: 'full-access',
    label: 'Full access',
    description: 'Read and change everything',
    select: (groups) =>
      Object.fromEntries(
        groups.filter((g) => g.write || g.read).map((g) => [g.resource, g.write ? 'write' : 'read']),
      ),
    warning:
      'Full access is rarely needed: if this token leaks, whoever holds it can change and delete everything you can. Prefer the few scopes the tool really uses.',
  },
];

/**
 * The preset the selection stands for. Under a capped policy two presets can select the same scopes
 * (Full access may equal Deploy from CI): the one the user clicked wins while its selection stands.
 */
export function activeScopePreset(
  groups: readonly ScopeGroup[],
  value: ScopeSelection,
  clicked: ScopePreset['id'] | null,
): ScopePreset | undefined {
  const matches = scopePresets.filter((preset) => {
    const selection = preset.select(groups);
    return Object.keys(selection).length > 0 && sameSelection(selection, value);
  });
  return matches.find((preset) => preset.id === clicked) ?? matches[0];
}
