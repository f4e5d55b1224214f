import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import {
  adminApiKeyFilterSchema,
  adminApiKeyListQuerySchema,
  bulkRevokeRequestSchema,
  type AdminApiKeyList,
  type AdminApiKeySummary,
  type BulkRevokeResponse,
} from '../../src/contract/admin';
import type { AppDeps, AppEnv } from '../context';
import { decodeCursor, listAllApiKeys, revokeApiKeysByFilter, revokeApiKeysByIds, summarizeApiKeys } from '../db/admin-api-keys';
import { ApiError, invalidFields, rejectInvalid } from '../errors';
import { requireAdmin, requireSession } from '../middleware/auth';

export const adminApiKeyRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    // A session, not a token: a leaked token must never be able to revoke everyone else's.
    .use(requireSession(deps), requireAdmin)
    .get('/', zValidator('query', adminApiKeyListQuerySchema, rejectInvalid), async (c) => {
      const query = c.req.valid('query');
      const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
      if (query.cursor !== undefined && !cursor) throw invalidFields(400, { cursor: 'Not a cursor from this list. Start again from the first page.' });
      const page = await listAllApiKeys(deps.db, query, cursor, deps.clock.now());
      return c.json(page satisfies AdminApiKeyList, 200);
    })
    // The numbers apart from the rows: they scan every matching token, the page only reads `limit` rows.
    .get('/summary', zValidator('query', adminApiKeyFilterSchema, rejectInvalid), async (c) => {
      const summary = await summarizeApiKeys(deps.db, c.req.valid('query'), deps.clock.now());
      return c.json(summary satisfies AdminApiKeySummary, 200);
    })
    .post('/revoke', zValidator('json', bulkRevokeRequestSchema, rejectInvalid), async (c) => {
      const body = c.req.valid('json');
      const admin = c.get('caller').user;
      const now = deps.clock.now();
      const result =
        'ids' in body
          ? await revokeApiKeysByIds(deps.db, body.ids, admin.id, now)
          : await revokeApiKeysByFilter(deps.db, body.filter, body.expectedTotal, admin.id, now);
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
    });
