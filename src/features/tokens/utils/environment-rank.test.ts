import { describe, expect, it } from 'vitest';
import { defaultEnvironments, type Environment } from '../../../contract/policy';
import { describeEnvironment } from './environment-rank';

describe('describeEnvironment', () => {
  it('ranks the policy’s environments by their order, least sensitive first', () => {
    expect(defaultEnvironments.map((e) => describeEnvironment(e.id, defaultEnvironments))).toEqual([
      { label: 'Development', rank: 'lowest' },
      { label: 'Staging', rank: 'between' },
      { label: 'Production', rank: 'highest' },
    ]);
  });

  it('follows the policy, not the ids', () => {
    const renamed: Environment[] = [
      { id: 'sandbox', label: 'Sandbox', tag: 'sbx' },
      { id: 'live', label: 'Live', tag: 'live' },
    ];
    expect(describeEnvironment('live', renamed)).toEqual({ label: 'Live', rank: 'highest' });
    expect(describeEnvironment('production', renamed)).toEqual({ label: 'production', rank: 'unlisted' });
  });

  it('has nothing to single out when the policy has one environment', () => {
    expect(describeEnvironment('only', [{ id: 'only', label: 'Only', tag: 'only' }]).rank).toBe('lowest');
  });
});
