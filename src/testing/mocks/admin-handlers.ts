import { http, HttpResponse } from 'msw';
import {
  adminApiKeyFilterSchema,
  adminApiKeyListQuerySchema,
  adminApiKeyListSchema,
  adminApiKeySummarySchema,
  adminUsageSchema,
  bulkNarrowMessages,
  bulkNarrowPlan,
  bulkNarrowRequestSchema,
  bulkNarrowResponseSchema,
  bulkRevokeRequestSchema,
  bulkRevokeResponseSchema,
  topTokensShown,
  withScopeUse,
  type AdminApiKeyFilter,
  type BulkNarrowResponse,
} from '../../contract/admin';
import { routes } from '../../contract/paths';
import type { ApiKey } from '../../contract/tokens';
import { emptyTokenUsage } from '../../contract/usage';
import { adminsOnly, errorResponse, unauthenticated } from './error-response';
import { store } from './store';

const dayMs = 86_400_000;

/** A review row: the token with its scope use, from the usage a test put in `store.usage`, by the contract's rule. */
const reviewRow = (key: ApiKey, now: number) =>
  withScopeUse(key, (store.usage[key.id]?.scopes ?? []).map((use) => use.scope), new Date(now));

/** The admin review over `store.apiKeys`, with the server's definitions (offset cursors: it is only a fake). */
function matches(key: ApiKey, filter: AdminApiKeyFilter, now: number): boolean {
  const active = key.status === 'active';
  const lastActivity = Date.parse(key.lastUsedAt ?? key.createdAt);
  if (filter.owner && key.owner.username.toLowerCase() !== filter.owner.toLowerCase()) return false;
  if (filter.ownerKind && (key.owner.kind ?? 'person') !== filter.ownerKind) return false;
  if (filter.environment && key.environment !== filter.environment) return false;
  if (filter.q && !key.name.toLowerCase().includes(filter.q.toLowerCase())) return false;
  if (filter.status && filter.status !== 'all' && key.status !== filter.status) return false;
  if (filter.neverUsed && key.lastUsedAt) return false;
  if (filter.unusedForDays !== undefined && !(active && lastActivity < now - filter.unusedForDays * dayMs)) return false;
  if (filter.expiringWithinDays !== undefined && !(active && Date.parse(key.expiresAt) <= now + filter.expiringWithinDays * dayMs)) return false;
  if (filter.overScoped && reviewRow(key, now).unusedScopes.length === 0) return false;
  return true;
}

/** The admin review of everyone's tokens: rows, the summary's numbers, bulk revoke. */
export const adminHandlers = [
  http.get(routes.adminApiKeys, ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return adminsOnly();
    const query = adminApiKeyListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return errorResponse(400, 'invalid_request_error', 'Unknown filter.');
    const { sort = 'lastUsedAt', order = 'asc', limit = 50, cursor, nullsFirst: _nullsFirst, ...filter } = query.data;
    const now = Date.now();
    const all = store.apiKeys
      .filter((key) => matches(key, filter, now))
      .toSorted((a, b) => {
        const compared = String(a[sort] ?? '').localeCompare(String(b[sort] ?? ''));
        return order === 'asc' ? compared : -compared;
      });
    const start = cursor ? Number(cursor) : 0;
    // Rows only, as the server: the numbers are the summary's.
    return HttpResponse.json(
      adminApiKeyListSchema.parse({
        data: all.slice(start, start + limit).map((key) => reviewRow(key, now)),
        nextCursor: start + limit < all.length ? String(start + limit) : null,
      }),
    );
  }),

  http.get(routes.adminApiKeysSummary, ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return adminsOnly();
    const filter = adminApiKeyFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!filter.success) return errorResponse(400, 'invalid_request_error', 'Unknown filter.');
    const { owner, ownerKind, environment, q } = filter.data;
    const now = Date.now();
    const scoped = store.apiKeys.filter((key) => matches(key, { owner, ownerKind, environment, q }, now));
    const matching = scoped.filter((key) => matches(key, filter.data, now));
    const count = (view: AdminApiKeyFilter) => scoped.filter((key) => matches(key, view, now)).length;
    return HttpResponse.json(
      adminApiKeySummarySchema.parse({
        total: matching.length,
        owners: new Set(matching.map((key) => key.owner.id)).size,
        counts: {
          neverUsed: count({ status: 'active', neverUsed: true }),
          unused30: count({ unusedForDays: 30 }),
          unused90: count({ unusedForDays: 90 }),
          expiring7: count({ expiringWithinDays: 7 }),
          expired: count({ status: 'expired' }),
          active: count({ status: 'active' }),
          all: scoped.length,
        },
      }),
    );
  }),

  http.post(routes.adminApiKeysRevoke, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return adminsOnly();
    const body = bulkRevokeRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the request.');
    const now = Date.now();
    const targets =
      'ids' in body.data
        ? body.data.ids.map((id) => store.apiKeys.find((key) => key.id === id))
        : store.apiKeys.filter((key) => 'filter' in body.data && matches(key, body.data.filter, now));
    if (targets.some((key) => !key)) return errorResponse(404, 'not_found_error', 'Some of these tokens do not exist. Nothing was revoked.');
    if ('filter' in body.data && body.data.expectedTotal !== undefined && targets.length !== body.data.expectedTotal) {
      return errorResponse(
        422,
        'invalid_request_error',
        'The tokens matching this filter changed since you looked. Nothing was revoked: review the list and try again.',
      );
    }
    let revoked = 0;
    for (const key of targets) {
      if (!key || key.status === 'revoked') continue;
      Object.assign(key, { status: 'revoked', revokedAt: new Date(now).toISOString(), revokedBy: { id: store.user.id, username: store.user.username } } satisfies Partial<ApiKey>);
      revoked += 1;
    }
    return HttpResponse.json(bulkRevokeResponseSchema.parse({ revoked }));
  }),

  http.post(routes.adminApiKeysNarrow, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return adminsOnly();
    const body = bulkNarrowRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the request.');
    const now = Date.now();
    const result: BulkNarrowResponse = { narrowed: [], skipped: [] };
    for (const id of new Set(body.data.ids)) {
      const key = store.apiKeys.find((candidate) => candidate.id === id);
      if (!key) {
        result.skipped.push({ id, name: null, reason: bulkNarrowMessages.notFound });
        continue;
      }
      const plan = bulkNarrowPlan(reviewRow(key, now));
      if (!plan.ok) {
        result.skipped.push({ id, name: key.name, reason: plan.reason });
        continue;
      }
      key.scopes = plan.keep;
      const usage = store.usage[id];
      if (usage) usage.unusedScopes = usage.unusedScopes.filter((unused) => !plan.remove.includes(unused.scope));
      result.narrowed.push({ id, name: key.name, removed: plan.remove });
    }
    return HttpResponse.json(bulkNarrowResponseSchema.parse(result));
  }),

  // The workspace's usage: every token's days in `store.usage` added up, the busiest first.
  http.get(routes.adminUsage, () => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return adminsOnly();
    // The days the tests' usage covers (they share one clock), else the last 30.
    const days = (Object.values(store.usage)[0]?.days ?? emptyTokenUsage(new Date()).days).map((day) => ({ day: day.day, success: 0, denied: 0, rejected: 0 }));
    const calls = new Map<string, number>();
    for (const [id, usage] of Object.entries(store.usage)) {
      usage.days.forEach((day, index) => {
        const total = days[index];
        if (!total) return;
        total.success += day.success;
        total.denied += day.denied;
        total.rejected += day.rejected;
        calls.set(id, (calls.get(id) ?? 0) + day.success + day.denied + day.rejected);
      });
    }
    const top = [...calls]
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, topTokensShown)
      .flatMap(([id, count]) => {
        const key = store.apiKeys.find((candidate) => candidate.id === id);
        return key ? [{ id, name: key.name, environment: key.environment, status: key.status, owner: key.owner, count }] : [];
      });
    return HttpResponse.json(adminUsageSchema.parse({ days, top }));
  }),
];
