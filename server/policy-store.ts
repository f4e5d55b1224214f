import { updatePolicyRequestSchema } from '../src/contract/policy-update';
import { defaultPolicy, type Policy } from '../src/contract/policy';
import type { Logger } from './runtime';
import type { Queryable } from './db/database';
import { readStoredPolicy } from './db/policies';

/** The one place the token policy comes from. */
export type PolicyStore = { get(): Promise<Policy> };

/** The built-in policy with the configured prefix: what applies until an admin saves a change. */
export function createDefaultPolicyStore(tokenPrefix: string): PolicyStore {
  const policy: Policy = { ...defaultPolicy, tokenPrefix };
  return { get: async () => policy };
}

/**
 * The policy as stored by `PUT /api/policy`, read on every call and cached nowhere: one small
 * primary-key read per create, and several instances on one database never disagree.
 * The prefix and the scope catalog are configuration, never stored.
 */
export function createDatabasePolicyStore(db: Queryable, tokenPrefix: string, logger?: Logger): PolicyStore {
  const fallback = createDefaultPolicyStore(tokenPrefix);
  return {
    get: async () => {
      const base = await fallback.get();
      const stored = await readStoredPolicy(db);
      if (stored === null) return base;
      const parsed = updatePolicyRequestSchema.safeParse(stored);
      if (!parsed.success) {
        // Written by an older or newer version we cannot read: the defaults are the safe answer.
        logger?.error('The stored token policy is unreadable; using the defaults.');
        return base;
      }
      return { ...base, ...parsed.data };
    },
  };
}
