import { http, HttpResponse } from 'msw';
import { routes } from '../../contract/paths';
import { policySchema, type Policy } from '../../contract/policy';
import { updatePolicyRequestSchema } from '../../contract/policy-update';
import { adminsOnly, errorResponse, issueFields, unauthenticated } from './error-response';
import { store } from './store';

/** As the server answers: admins also learn which environments tokens were made for. */
function policyFor(policy: Policy): Policy {
  if (store.user.role !== 'admin') return policy;
  const used = new Set(store.apiKeys.map((key) => key.environment));
  return { ...policy, environmentsInUse: policy.environments.map((e) => e.id).filter((id) => used.has(id)) };
}

/** The workspace policy: everyone reads it, an admin saves it (saved as the server saves it, so a refetch reads the change). */
export const policyHandlers = [
  http.get(routes.policy, () => {
    if (!store.signedIn) return unauthenticated();
    return HttpResponse.json(policySchema.parse(policyFor(store.policy)));
  }),

  http.put(routes.policy, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return adminsOnly();
    const body = updatePolicyRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    store.policy = { ...store.policy, ...body.data };
    return HttpResponse.json(policySchema.parse(policyFor(store.policy)));
  }),
];
