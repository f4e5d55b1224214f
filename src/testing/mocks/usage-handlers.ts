import { http, HttpResponse } from 'msw';
import { routes } from '../../contract/paths';
import { apiKeySchema } from '../../contract/tokens';
import {
  dailyUsageListSchema,
  emptyTokenUsage,
  maxSparklineIds,
  narrowedScopes,
  narrowScopesMessages,
  narrowScopesRequestSchema,
  sparklineDays,
  tokenUsageSchema,
  type DailyUsageList,
} from '../../contract/usage';
import { errorResponse, unauthenticated } from './error-response';
import { store, visibleApiKey } from './store';

/**
 * A token's usage as the test arranged it in `store.usage` (none by default); the lists' sparklines are
 * the last days of the same arrangement; narrowing by the contract's rule.
 */
export const usageHandlers = [
  http.get(routes.apiKeyUsage, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    const key = visibleApiKey(params.id);
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    return HttpResponse.json(tokenUsageSchema.parse(store.usage[key.id] ?? emptyTokenUsage(new Date())));
  }),

  http.get(routes.dailyUsage, ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const ids = [...new Set((new URL(request.url).searchParams.get('ids') ?? '').split(',').filter((id) => id.length > 0))];
    if (ids.length > maxSparklineIds) return errorResponse(400, 'invalid_request_error', `At most ${maxSparklineIds} tokens at once.`);
    const body: DailyUsageList = { data: {}, denied: {}, rejected: {} };
    for (const id of ids) {
      const key = visibleApiKey(id);
      if (!key) continue;
      const days = (store.usage[key.id] ?? emptyTokenUsage(new Date())).days.slice(-sparklineDays);
      body.data[key.id] = days.map((day) => day.success + day.denied + day.rejected);
      body.denied[key.id] = days.map((day) => day.denied);
      body.rejected[key.id] = days.map((day) => day.rejected);
    }
    return HttpResponse.json(dailyUsageListSchema.parse(body));
  }),

  http.post(routes.apiKeyNarrow, async ({ params, request }) => {
    if (!store.signedIn) return unauthenticated();
    const body = narrowScopesRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Choose a scope to remove.');
    const key = visibleApiKey(params.id);
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    if (key.status !== 'active') return errorResponse(409, 'invalid_request_error', narrowScopesMessages.notActive);
    const narrowed = narrowedScopes(key.scopes, body.data.remove);
    if (!narrowed.ok) return errorResponse(422, 'invalid_request_error', narrowed.message);
    key.scopes = narrowed.scopes;
    const usage = store.usage[key.id];
    if (usage) usage.unusedScopes = usage.unusedScopes.filter((unused) => !body.data.remove.includes(unused.scope));
    return HttpResponse.json(apiKeySchema.parse(key));
  }),
];
