import { describe, expect, it } from 'vitest';
import { defaultScopeCatalog } from '../../../contract/policy';
import { describeScopes } from './scope-preview';

describe('describeScopes', () => {
  it('describes each scope from the catalog, writes bringing their reads', () => {
    expect(describeScopes(['write:deployments', 'read:projects'], defaultScopeCatalog)).toEqual([
      'see projects and their settings',
      'see deployments and their status',
      'create and roll back deployments',
    ]);
  });

  it('says nothing for no scopes', () => {
    expect(describeScopes([], defaultScopeCatalog)).toEqual([]);
  });
});
