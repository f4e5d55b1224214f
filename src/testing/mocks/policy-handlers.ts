import { http, HttpResponse } from 'msw';
import { routes } from '../../contract/paths';
import { policySchema } from '../../contract/policy';
import { updatePolicyRequestSchema } from '../../contract/policy-update';
import { adminsOnly, errorResponse, issueFields, unauthenticated } from './error-response';
import { store } from './store';

/** The workspace policy: everyone reads it, an admin saves it (the fake answers with the change, keeps the one it has). */
export const policyHandlers = [
  http.get(routes.policy, () => {
    if (!store.signedIn) return unauthenticated();
    return HttpResponse.json(policySchema.parse(store.policy));
  }),

  http.put(routes.policy, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return adminsOnly();
    const body = updatePolicyRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    return HttpResponse.json(policySchema.parse({ ...store.policy, ...body.data }));
  }),
];
