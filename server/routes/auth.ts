import { Hono } from 'hono';
import type { MeResponse } from '../../src/contract/users';
import type { AppDeps, AppEnv } from '../context';
import { revokeApiKey } from '../db/api-keys';
import { ApiError } from '../errors';
import { requireCaller } from '../middleware/auth';
import { ownTokens } from '../tokens/access';

export const authRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .get('/me', requireCaller(deps), (c) => {
      const caller = c.get('caller');
      const auth: MeResponse['auth'] =
        caller.method === 'session'
          ? { method: 'session' }
          : { method: 'token', apiKeyId: caller.apiKeyId, scopes: caller.scopes, expiresAt: caller.expiresAt.toISOString() };
      // The contract's user only: a token's owner also carries its kind and permissions, which stay on the server.
      const { id, username, role } = caller.user;
      return c.json({ user: { id, username, role }, auth } satisfies MeResponse, 200);
    })
    // Signing out a machine: any live token may revoke itself, and nothing else. Killing the secret
    // one holds gives nothing away (whoever holds a leaked one should be able to end it too).
    .delete('/token', requireCaller(deps), async (c) => {
      const caller = c.get('caller');
      if (caller.method !== 'token') throw new ApiError(400, 'invalid_request_error', 'Send the token to revoke as Authorization: Bearer <token>.');
      await revokeApiKey(deps.db, caller.apiKeyId, ownTokens(caller), caller.user.id, deps.clock.now());
      return c.body(null, 204);
    });
