import { Hono } from 'hono';
import type { MeResponse } from '../../src/contract/users';
import type { AppDeps, AppEnv } from '../context';
import { requireCaller } from '../middleware/auth';

export const authRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().get('/me', requireCaller(deps), (c) => {
    const caller = c.get('caller');
    const auth: MeResponse['auth'] =
      caller.method === 'session'
        ? { method: 'session' }
        : { method: 'token', apiKeyId: caller.apiKeyId, scopes: caller.scopes };
    // The contract's user only: a token's owner also carries its kind and permissions, which stay on the server.
    const { id, username, role } = caller.user;
    return c.json({ user: { id, username, role }, auth } satisfies MeResponse, 200);
  });
