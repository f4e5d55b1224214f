import { defaultPolicy, type Policy } from '../src/contract/policy';

/** The one place the token policy comes from, so a later issue can keep it in the database. */
export type PolicyStore = { get(): Promise<Policy> };

export function createDefaultPolicyStore(tokenPrefix: string): PolicyStore {
  const policy: Policy = { ...defaultPolicy, tokenPrefix };
  return { get: async () => policy };
}
