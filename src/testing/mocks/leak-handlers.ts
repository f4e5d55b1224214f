import { http, HttpResponse } from 'msw';
import { revokeLeakedAnswer, revokeLeakedRequestSchema, revokeLeakedResponseSchema } from '../../contract/leaks';
import { routes } from '../../contract/paths';
import { displayHint, parseSecret } from '../../contract/token-format';
import type { ApiKey } from '../../contract/tokens';
import { errorResponse } from './error-response';
import { store } from './store';

/** "Report as leaked": no session needed; a live token with the secret's hint is revoked by nobody; one answer for all. */
export const leakHandlers = [
  http.post(routes.revokeLeaked, async ({ request }) => {
    const body = revokeLeakedRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Paste a token.', { token: 'Paste a token.' });
    const token = body.data.token;
    const key = parseSecret(token, store.policy.tokenPrefix) ? store.apiKeys.find((k) => k.hint === displayHint(token)) : undefined;
    if (key?.status === 'active') {
      Object.assign(key, { status: 'revoked', revokedAt: new Date().toISOString(), revokedBy: null, revokedReason: 'reported_leaked' } satisfies Partial<ApiKey>);
    }
    return HttpResponse.json(revokeLeakedResponseSchema.parse(revokeLeakedAnswer), { status: 202 });
  }),
];
