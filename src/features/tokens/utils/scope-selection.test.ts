import { describe, expect, it } from 'vitest';
import { allowedScopesFor } from '../../../contract/api-key-rules';
import { defaultPolicy } from '../../../contract/policy';
import {
  groupScopes,
  limitSelection,
  sameSelection,
  scopesToSelection,
  selectionToScopes,
} from './scope-selection';

const groups = groupScopes(defaultPolicy.scopes);
const productionReadOnly = {
  ...defaultPolicy,
  allowedScopesByEnvironment: { production: ['read:projects', 'read:deployments', 'write:deployments'] },
};

describe('scope selection', () => {
  it('groups the catalog by resource in catalog order', () => {
    expect(groups.map((g) => g.resource)).toEqual(['projects', 'workflows', 'security', 'deployments']);
    expect(groups[0]?.read?.id).toBe('read:projects');
    expect(groups[0]?.write?.id).toBe('write:projects');
  });

  it('offers the whole catalog to an environment the policy does not list', () => {
    expect(allowedScopesFor(productionReadOnly, 'development')).toHaveLength(8);
    expect(allowedScopesFor(productionReadOnly, 'production').map((s) => s.id)).toEqual([
      'read:projects',
      'read:deployments',
      'write:deployments',
    ]);
  });

  it('sends write with the read it implies, and nothing for none', () => {
    expect(selectionToScopes({ deployments: 'write', projects: 'read', security: 'none' }, groups)).toEqual([
      'read:projects',
      'read:deployments',
      'write:deployments',
    ]);
    expect(selectionToScopes({}, groups)).toEqual([]);
  });

  it('turns scope ids back into a selection', () => {
    expect(scopesToSelection(['read:projects', 'write:deployments'], groups)).toEqual({
      projects: 'read',
      deployments: 'write',
    });
  });

  it('drops what a newly chosen environment does not allow, keeping read for a write', () => {
    const limited = groupScopes(allowedScopesFor({ ...productionReadOnly, allowedScopesByEnvironment: { production: ['read:projects'] } }, 'production'));
    expect(limitSelection({ projects: 'write', workflows: 'read' }, limited)).toEqual({ projects: 'read' });
  });

  it('compares selections treating a missing resource as none', () => {
    expect(sameSelection({ projects: 'read', workflows: 'none' }, { projects: 'read' })).toBe(true);
    expect(sameSelection({ projects: 'read' }, { projects: 'write' })).toBe(false);
  });
});
