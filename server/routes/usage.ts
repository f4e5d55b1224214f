import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { ApiKey } from '../../src/contract/tokens';
import { classifyUserAgent } from '../../src/contract/user-agent';
import {
  dailyUsageQuerySchema,
  lastDays,
  narrowedScopes,
  narrowScopesMessages,
  narrowScopesRequestSchema,
  firstOfLastDays,
  maxSparklineIds,
  sparklineDays,
  unusedScopesOf,
  usageChartDays,
  type DailyUsageList,
  type ScopeUse,
  type TokenUsage,
} from '../../src/contract/usage';
import type { AppDeps, AppEnv } from '../context';
import { findApiKey } from '../db/api-keys';
import { clientsSeen, dailyUsage, narrowApiKeyScopes, scopeUses, visibleTokenIds } from '../db/usage';
import { ApiError, invalidFields, notFound, rejectInvalid } from '../errors';
import { requireSession } from '../middleware/auth';
import { readableTokens } from '../tokens/access';

/** Counters per set of scopes asked for → uses per scope (a call that asked for two counts for each). */
function scopeUsesOf(counters: readonly { scope: string; count: number; lastAt: Date }[]): ScopeUse[] {
  const uses = new Map<string | null, { count: number; lastAt: Date }>();
  for (const counter of counters) {
    const asked = counter.scope === '' ? [null] : counter.scope.split(' ');
    for (const scope of asked) {
      const kept = uses.get(scope);
      if (!kept) uses.set(scope, { count: counter.count, lastAt: counter.lastAt });
      else {
        kept.count += counter.count;
        if (counter.lastAt > kept.lastAt) kept.lastAt = counter.lastAt;
      }
    }
  }
  return [...uses]
    .map(([scope, use]) => ({ scope, count: use.count, lastUsedAt: use.lastAt.toISOString() }))
    .sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt));
}


/**
 * How tokens are used, for the token's page and the lists' sparklines. What this process counted but
 * has not written yet is written first, so a page shows the calls just made here (other instances'
 * arrive within a minute). Another person's token is a 404, as everywhere.
 */
export const usageRoutes = (deps: AppDeps) =>
  // Mounted on /api with a middleware per route: a `use` here would sign-in-check every /api path after it.
  new Hono<AppEnv>()
    .get('/api-keys/:id/usage', requireSession(deps), async (c) => {
      const now = deps.clock.now();
      const apiKey = await findApiKey(deps.db, c.req.param('id'), readableTokens(c.get('caller')), now);
      if (!apiKey) throw notFound();
      await deps.usage.flush();
      const from = firstOfLastDays(now, usageChartDays);
      const [daily, scopes, clients] = await Promise.all([
        dailyUsage(deps.db, [apiKey.id], from),
        scopeUses(deps.db, apiKey.id),
        clientsSeen(deps.db, apiKey.id),
      ]);
      const byDay = new Map(daily.map((d) => [d.day, d]));
      const body: TokenUsage = {
        days: lastDays(now, usageChartDays).map((day) => {
          const d = byDay.get(day);
          return { day, success: d?.success ?? 0, denied: d?.denied ?? 0, rejected: d?.rejected ?? 0 };
        }),
        scopes: scopeUsesOf(scopes),
        clients: clients.map((client) => ({
          via: client.via,
          ip: client.ip || null,
          userAgent: client.userAgent || null,
          client: classifyUserAgent(client.userAgent || null),
          count: client.count,
          lastSeenAt: client.lastAt.toISOString(),
        })),
        unusedScopes: apiKey.status === 'active' ? unusedScopesOf(apiKey, scopeUsesOf(scopes).map((s) => s.scope), now) : [],
        // Narrowing takes the very access this read took (readableTokens): finding the token was the permission.
        mayNarrow: apiKey.status === 'active',
      };
      return c.json(body, 200);
    })
    .get('/usage/daily', requireSession(deps), zValidator('query', dailyUsageQuerySchema, rejectInvalid), async (c) => {
      const ids = [...new Set(c.req.valid('query').ids.split(',').filter((id) => id.length > 0))];
      if (ids.length > maxSparklineIds) throw invalidFields(400, { ids: `At most ${maxSparklineIds} tokens at once.` });
      const now = deps.clock.now();
      // Ids the caller may not see are left out, exactly like ids that do not exist.
      const visible = await visibleTokenIds(deps.db, ids, readableTokens(c.get('caller')));
      await deps.usage.flush();
      const days = lastDays(now, sparklineDays);
      const rows = await dailyUsage(deps.db, visible, firstOfLastDays(now, sparklineDays));
      const body: DailyUsageList = { data: {}, denied: {}, rejected: {} };
      for (const id of visible) {
        body.data[id] = days.map(() => 0);
        body.denied[id] = days.map(() => 0);
        body.rejected[id] = days.map(() => 0);
      }
      for (const row of rows) {
        const index = days.indexOf(row.day);
        if (index < 0) continue;
        const [calls, denied, rejected] = [body.data[row.apiKeyId], body.denied[row.apiKeyId], body.rejected[row.apiKeyId]];
        if (!calls || !denied || !rejected) continue;
        calls[index] = row.success + row.denied + row.rejected;
        denied[index] = row.denied;
        rejected[index] = row.rejected;
      }
      return c.json(body, 200);
    })
    // "Shrink to the scopes it uses": only ever takes scopes away, so it needs no policy check and rotates nothing.
    .post('/api-keys/:id/narrow', requireSession(deps), zValidator('json', narrowScopesRequestSchema, rejectInvalid), async (c) => {
      const caller = c.get('caller');
      const { remove } = c.req.valid('json');
      const now = deps.clock.now();
      const result = await narrowApiKeyScopes(deps.db, {
        id: c.req.param('id'),
        access: readableTokens(caller),
        actorId: caller.user.id,
        remove,
        now,
        narrow: (held) => narrowedScopes(held, remove),
      });
      if (!result.ok) {
        if (result.reason === 'not_found') throw notFound();
        if (result.reason === 'not_active') throw new ApiError(409, 'invalid_request_error', narrowScopesMessages.notActive);
        throw invalidFields(422, { remove: result.message }, result.message);
      }
      const apiKey = await findApiKey(deps.db, c.req.param('id'), null, now);
      if (!apiKey) throw notFound();
      return c.json(apiKey satisfies ApiKey, 200);
    });
