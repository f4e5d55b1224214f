import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import {
  adminApiKeyFilterSchema,
  adminApiKeyListQuerySchema,
  bulkNarrowMessages,
  bulkNarrowPlan,
  bulkNarrowRequestSchema,
  bulkRevokeRequestSchema,
  withScopeUse,
  type AdminApiKeyFilter,
  type AdminApiKeyList,
  type AdminApiKeySummary,
  type BulkNarrowResponse,
  type BulkRevokeResponse,
} from '../../src/contract/admin';
import { narrowedScopes } from '../../src/contract/usage';
import type { AppDeps, AppEnv } from '../context';
import {
  askedScopesOf,
  decodeCursor,
  findApiKeysByIds,
  listAllApiKeys,
  revokeApiKeysByFilter,
  revokeApiKeysByIds,
  scopeGrantsOf,
  summarizeApiKeys,
  type ScopeGrants,
} from '../db/admin-api-keys';
import { narrowApiKeyScopes } from '../db/usage';
import { ApiError, invalidFields, rejectInvalid } from '../errors';
import { requireAdmin, requireSession } from '../middleware/auth';

export const adminApiKeyRoutes = (deps: AppDeps) => {
  // Only the over-scoped filter needs the catalog's `write:x` → `read:x` pairs.
  const grantsFor = async (filter: AdminApiKeyFilter): Promise<ScopeGrants | undefined> =>
    filter.overScoped ? scopeGrantsOf((await deps.policies.get()).scopes.map((scope) => scope.id)) : undefined;
  return new Hono<AppEnv>()
    // A session, not a token: a leaked token must never be able to revoke everyone else's.
    .use(requireSession(deps), requireAdmin)
    .get('/', zValidator('query', adminApiKeyListQuerySchema, rejectInvalid), async (c) => {
      const query = c.req.valid('query');
      const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
      if (query.cursor !== undefined && !cursor) throw invalidFields(400, { cursor: 'Not a cursor from this list. Start again from the first page.' });
      const now = deps.clock.now();
      // Written first, so a scope used a moment ago is not shown as unused (nor filtered as such).
      await deps.usage.flush();
      const page = await listAllApiKeys(deps.db, query, cursor, now, await grantsFor(query));
      // One query for the page's scope use, not one per row.
      const asked = await askedScopesOf(deps.db, page.data.map((token) => token.id));
      const body: AdminApiKeyList = { ...page, data: page.data.map((token) => withScopeUse(token, asked.get(token.id) ?? [], now)) };
      return c.json(body, 200);
    })
    // The numbers apart from the rows: they scan every matching token, the page only reads `limit` rows.
    .get('/summary', zValidator('query', adminApiKeyFilterSchema, rejectInvalid), async (c) => {
      const filter = c.req.valid('query');
      const summary = await summarizeApiKeys(deps.db, filter, deps.clock.now(), await grantsFor(filter));
      return c.json(summary satisfies AdminApiKeySummary, 200);
    })
    .post('/revoke', zValidator('json', bulkRevokeRequestSchema, rejectInvalid), async (c) => {
      const body = c.req.valid('json');
      const admin = c.get('caller').user;
      const now = deps.clock.now();
      const result =
        'ids' in body
          ? await revokeApiKeysByIds(deps.db, body.ids, admin.id, now)
          : await revokeApiKeysByFilter(deps.db, body.filter, body.expectedTotal, admin.id, now, await grantsFor(body.filter));
      if (!result.ok && result.reason === 'not_found') {
        throw new ApiError(404, 'not_found_error', 'Some of these tokens do not exist. Nothing was revoked.');
      }
      if (!result.ok) {
        throw new ApiError(
          422,
          'invalid_request_error',
          'The tokens matching this filter changed since you looked. Nothing was revoked: review the list and try again.',
        );
      }
      deps.logger.info('Bulk revoke', { by: admin.id, revoked: result.revoked });
      return c.json({ revoked: result.revoked } satisfies BulkRevokeResponse, 200);
    })
    // "Remove unused scopes" for many tokens: each gets the token page's suggestion, nothing more; a token
    // with none (or that would lose its last scope) is skipped and reported. Only ever takes scopes away.
    .post('/narrow', zValidator('json', bulkNarrowRequestSchema, rejectInvalid), async (c) => {
      const ids = [...new Set(c.req.valid('json').ids)];
      const admin = c.get('caller').user;
      const now = deps.clock.now();
      await deps.usage.flush();
      const [tokens, asked] = await Promise.all([findApiKeysByIds(deps.db, ids, now), askedScopesOf(deps.db, ids)]);
      const byId = new Map(tokens.map((token) => [token.id, token]));
      const result: BulkNarrowResponse = { narrowed: [], skipped: [] };
      for (const id of ids) {
        const token = byId.get(id);
        if (!token) {
          result.skipped.push({ id, name: null, reason: bulkNarrowMessages.notFound });
          continue;
        }
        const plan = bulkNarrowPlan(withScopeUse(token, asked.get(id) ?? [], now));
        if (!plan.ok) {
          result.skipped.push({ id, name: token.name, reason: plan.reason });
          continue;
        }
        // Under the token's row lock: a narrowing that happened meanwhile makes this one refuse, never widen.
        const narrowed = await narrowApiKeyScopes(deps.db, {
          id,
          access: null,
          actorId: admin.id,
          remove: plan.remove,
          now,
          narrow: (held) => narrowedScopes(held, plan.remove),
        });
        if (narrowed.ok) result.narrowed.push({ id, name: token.name, removed: plan.remove });
        else {
          const reason = narrowed.reason === 'refused' ? narrowed.message : narrowed.reason === 'not_active' ? bulkNarrowMessages.notActive : bulkNarrowMessages.notFound;
          result.skipped.push({ id, name: token.name, reason });
        }
      }
      deps.logger.info('Bulk narrow', { by: admin.id, narrowed: result.narrowed.length, skipped: result.skipped.length });
      return c.json(result, 200);
    });
};
