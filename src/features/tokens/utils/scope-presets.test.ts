import { describe, expect, it } from 'vitest';
import { allowedScopesFor } from '../../../contract/api-key-rules';
import { defaultPolicy } from '../../../contract/policy';
import { scopePresets } from './scope-presets';
import { groupScopes, selectionToScopes } from './scope-selection';

const preset = (id: string) => scopePresets.find((p) => p.id === id)!;
const groups = groupScopes(defaultPolicy.scopes);

describe('scope presets', () => {
  it('read-only reads every resource', () => {
    expect(selectionToScopes(preset('read-only').select(groups), groups)).toEqual([
      'read:projects',
      'read:workflows',
      'read:security',
      'read:deployments',
    ]);
  });

  it('deploy from CI reads projects and workflows and writes deployments (with the implied read)', () => {
    expect(selectionToScopes(preset('deploy-from-ci').select(groups), groups)).toEqual([
      'read:projects',
      'read:workflows',
      'read:deployments',
      'write:deployments',
    ]);
  });

  it('full access writes everything and warns', () => {
    expect(selectionToScopes(preset('full-access').select(groups), groups)).toHaveLength(8);
    expect(preset('full-access').warning).toMatch(/rarely needed/);
  });

  it('only picks what the environment allows', () => {
    const limited = groupScopes(
      allowedScopesFor({ ...defaultPolicy, allowedScopesByEnvironment: { production: ['read:projects', 'read:deployments'] } }, 'production'),
    );
    expect(preset('full-access').select(limited)).toEqual({ projects: 'read', deployments: 'read' });
    expect(preset('deploy-from-ci').select(limited)).toEqual({ projects: 'read', deployments: 'read' });
  });
});
