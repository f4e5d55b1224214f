import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { signInRequestSchema, type SignInResponse } from '../../src/contract/users';
import type { AppDeps, AppEnv } from '../context';
import { createSession, deleteSession } from '../db/sessions';
import { recordSignIn } from '../db/members';
import { findUserByUsername } from '../db/users';
import { ApiError, rejectInvalid } from '../errors';
import { clearSessionCookie, rateLimitKeyOfIp, readSessionCookie, requestOrigin, sessionLifetimeMs, setSessionCookie } from '../middleware/auth';
import { refuseWhenPasswordSignInOff, type OidcConfig } from '../sso/relying-party';
import { verifyPassword } from '../users/password';

export const sessionRoutes = (deps: AppDeps, oidc?: OidcConfig) =>
  new Hono<AppEnv>()
    .post('/', zValidator('json', signInRequestSchema, rejectInvalid), async (c) => {
      // Refused before any password is looked at: nothing to learn, and nothing counted against anyone.
      refuseWhenPasswordSignInOff(oidc);
      const { username, password } = c.req.valid('json');
      // Only failures count, so signing in often (many tabs, the e2e suite) never locks anyone out.
      // The checks run before the password is: a right password while limited still gets 429, no oracle.
      const ip = rateLimitKeyOfIp(c);
      const usernameAndIp = `${username.toLowerCase()} ${ip}`;
      await deps.rateLimiter.refuseWhenFull('signInFailuresPerUsernameAndIp', usernameAndIp);
      await deps.rateLimiter.refuseWhenFull('signInFailuresPerIp', ip);
      const found = await findUserByUsername(deps.db, username);
      // Unknown users are checked against a dummy hash: same message, similar timing.
      const passwordOk = await verifyPassword(password, found?.passwordHash ?? null);
      if (!found || !passwordOk) {
        await deps.rateLimiter.recordFailure('signInFailuresPerUsernameAndIp', usernameAndIp);
        await deps.rateLimiter.recordFailure('signInFailuresPerIp', ip);
        throw new ApiError(401, 'authentication_error', 'Incorrect username or password.');
      }
      if (found.status === 'deactivated') {
        throw new ApiError(401, 'authentication_error', 'This account has been deactivated. Ask an admin of your workspace if you need access again.');
      }
      const now = deps.clock.now();
      await recordSignIn(deps.db, found.user.id, now);
      const sessionId = await createSession(deps.db, found.user.id, now, new Date(now.getTime() + sessionLifetimeMs), requestOrigin(c));
      setSessionCookie(c, deps, sessionId);
      // Who signed in, for the request log line.
      c.set('caller', { method: 'session', user: found.user, sessionId });
      return c.json({ user: found.user } satisfies SignInResponse, 200);
    })
    .delete('/', async (c) => {
      const sessionId = readSessionCookie(c, deps);
      if (sessionId) await deleteSession(deps.db, sessionId);
      clearSessionCookie(c, deps);
      return c.body(null, 204);
    });
