import type { Environment } from '../../../contract/policy';

/** Where a token's environment stands among the policy's; `unlisted` when the policy no longer has it. */
export type EnvironmentRank = 'lowest' | 'between' | 'highest' | 'unlisted';

/**
 * The policy lists its environments from least to most sensitive (the default: development, staging,
 * production), so the last one is where a token can change what real users see. Read from the policy,
 * never from ids: an admin may rename or add environments.
 */
export function describeEnvironment(id: string, environments: readonly Environment[]): { label: string; rank: EnvironmentRank } {
  const index = environments.findIndex((environment) => environment.id === id);
  const environment = environments[index];
  if (!environment) return { label: id, rank: 'unlisted' };
  if (environments.length > 1 && index === environments.length - 1) return { label: environment.label, rank: 'highest' };
  return { label: environment.label, rank: index === 0 ? 'lowest' : 'between' };
}
