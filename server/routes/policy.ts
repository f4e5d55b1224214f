import { Hono } from 'hono';
import { requireCaller } from '../auth';
import type { AppDeps, AppEnv } from '../context';

export const policyRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().get('/', requireCaller(deps), async (c) => c.json(await deps.policies.get(), 200));
