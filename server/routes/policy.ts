import { Hono } from 'hono';
import { updatePolicyRequestSchema } from '../../src/contract/policy-update';
import type { AppDeps, AppEnv } from '../context';
import { environmentsInUse, saveStoredPolicy } from '../db/policies';
import { ApiError, fromZodError } from '../errors';
import { requireAdmin, requireCaller, requireSession } from '../middleware/auth';
import type { Caller } from '../context';
import type { Policy } from '../../src/contract/policy';

/** The policy, and for admins (who edit it) which environments existing tokens were made for. */
async function policyFor(deps: AppDeps, caller: Caller): Promise<Policy> {
  const policy = await deps.policies.get();
  if (caller.user.role !== 'admin') return policy;
  return { ...policy, environmentsInUse: await environmentsInUse(deps.db, policy.environments.map((e) => e.id)) };
}

export const policyRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    // Anyone signed in may read the policy: the create dialog needs it.
    .get('/', requireCaller(deps), async (c) => c.json(await policyFor(deps, c.get('caller')), 200))
    .put('/', requireSession(deps), requireAdmin, async (c) => {
      const body: unknown = await c.req.json().catch(() => undefined);
      const parsed = updatePolicyRequestSchema.safeParse(body);
      // A well-formed request that breaks a rule is 422 with a message per field, as the form needs.
      if (!parsed.success) {
        const error = fromZodError(parsed.error);
        throw new ApiError(422, 'invalid_request_error', error.message, error.fields);
      }
      const current = await deps.policies.get();
      const fields: Record<string, string> = {};
      for (const [environmentId, scopes] of Object.entries(parsed.data.allowedScopesByEnvironment)) {
        const unknown = scopes.find((scope) => !current.scopes.some((known) => known.id === scope));
        if (unknown) fields[`allowedScopesByEnvironment.${environmentId}`] = `Unknown scope “${unknown}”.`;
      }
      if (Object.keys(fields).length > 0) throw new ApiError(422, 'invalid_request_error', 'Check the highlighted fields.', fields);
      await saveStoredPolicy(deps.db, parsed.data, c.get('caller').user.id, deps.clock.now());
      return c.json(await policyFor(deps, c.get('caller')), 200);
    });
