import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from '../context';
import { isDeviceLoginToken } from '../db/device-codes';
import { ApiError } from '../errors';
import { requireCaller } from './auth';

/**
 * Who may manage tokens: a signed-in session, or the token a person approved for their own machine
 * through a device login (the CLI's sign-in, see ADR 014). Any other token gets 403: a leaked CI
 * token must not be able to mint successors (ADR 001). Only the token routes ask this, never the
 * bearer hot path.
 */
export const requireTokenManager = (deps: AppDeps) =>
  createMiddleware<AppEnv>(async (c, next) =>
    requireCaller(deps)(c, async () => {
      const caller = c.get('caller');
      if (caller.method === 'token' && !(await isDeviceLoginToken(deps.db, caller.apiKeyId))) {
        throw new ApiError(403, 'permission_error', 'Managing tokens needs a signed-in session; a token cannot create or revoke tokens.');
      }
      await next();
    }),
  );
