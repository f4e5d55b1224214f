import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { adminUsageQuerySchema, topTokensShown, workspaceUsageDays, type AdminUsage } from '../../src/contract/admin';
import { firstOfLastDays, lastDays } from '../../src/contract/usage';
import type { AppDeps, AppEnv } from '../context';
import { busiestTokens, workspaceDailyUsage } from '../db/admin-usage';
import { rejectInvalid } from '../errors';
import { requireAdmin, requireSession } from '../middleware/auth';

/**
 * The workspace's usage for the admin review: calls per day by outcome and the busiest tokens. What this
 * process counted but has not written yet is written first, as for a token's page.
 */
export const adminUsageRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .use(requireSession(deps), requireAdmin)
    .get('/', zValidator('query', adminUsageQuerySchema, rejectInvalid), async (c) => {
      const days = c.req.valid('query').days ?? workspaceUsageDays;
      const now = deps.clock.now();
      await deps.usage.flush();
      const from = firstOfLastDays(now, days);
      const [daily, busiest] = await Promise.all([workspaceDailyUsage(deps.db, from), busiestTokens(deps.db, from, topTokensShown, now)]);
      const byDay = new Map(daily.map((d) => [d.day, d]));
      const body: AdminUsage = {
        days: lastDays(now, days).map((day) => byDay.get(day) ?? { day, success: 0, denied: 0, rejected: 0 }),
        top: busiest.map(({ apiKey, count }) => ({
          id: apiKey.id,
          name: apiKey.name,
          environment: apiKey.environment,
          status: apiKey.status,
          owner: apiKey.owner,
          count,
        })),
      };
      return c.json(body, 200);
    });
