import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { signInRequestSchema, type SignInResponse } from '../../src/contract/users';
import { clearSessionCookie, readSessionCookie, sessionLifetimeMs, setSessionCookie } from '../auth';
import type { AppDeps, AppEnv } from '../context';
import { createSession, deleteSession } from '../db/sessions';
import { findUserByUsername } from '../db/users';
import { ApiError } from '../errors';
import { verifyPassword } from '../password';
import { rejectInvalid } from '../validation';

export const sessionRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .post('/', zValidator('json', signInRequestSchema, rejectInvalid), async (c) => {
      const { username, password } = c.req.valid('json');
      const found = await findUserByUsername(deps.db, username);
      // Unknown users are checked against a dummy hash: same message, similar timing.
      const passwordOk = await verifyPassword(password, found?.passwordHash ?? null);
      if (!found || !passwordOk) throw new ApiError(401, 'authentication_error', 'Incorrect username or password.');
      const now = deps.clock.now();
      const sessionId = await createSession(deps.db, found.user.id, now, new Date(now.getTime() + sessionLifetimeMs));
      setSessionCookie(c, deps, sessionId);
      return c.json({ user: found.user } satisfies SignInResponse, 200);
    })
    .delete('/', async (c) => {
      const sessionId = readSessionCookie(c, deps);
      if (sessionId) await deleteSession(deps.db, sessionId);
      clearSessionCookie(c, deps);
      return c.body(null, 204);
    });
