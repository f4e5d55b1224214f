import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { acceptInviteRequestSchema, inviteCodePattern, memberMessages, type InviteInfo } from '../../src/contract/members';
import type { SignInResponse } from '../../src/contract/users';
import type { AppDeps, AppEnv } from '../context';
import { acceptInvite, findInvite, recordSignIn } from '../db/members';
import { createSession } from '../db/sessions';
import { ApiError, rejectInvalid } from '../errors';
import { rateLimitKeyOfIp, requestOrigin, sessionLifetimeMs, setSessionCookie } from '../middleware/auth';
import { refuseWhenPasswordSignInOff, type OidcConfig } from '../sso/relying-party';
import { hashPassword } from '../users/password';

// One answer for unknown, spent, expired and malformed codes, and for a deactivated person's.
const linkNotValid = () => new ApiError(404, 'not_found_error', memberMessages.linkNotValid);

/**
 * The invite and password-reset link `/invite/<code>`, used without a session: read what it is for,
 * then accept it with a new password, which signs the person in. Failures per IP are limited. With
 * password sign-in off there is no password to choose: the page sends the person to the provider,
 * whose first sign-in links them (and spends the invite).
 */
export const inviteRoutes = (deps: AppDeps, oidc?: OidcConfig) =>
  new Hono<AppEnv>()
    .get('/:code', async (c) => {
      const ip = rateLimitKeyOfIp(c);
      await deps.rateLimiter.refuseWhenFull('inviteFailuresPerIp', ip);
      const code = c.req.param('code');
      const invite = inviteCodePattern.test(code) ? await findInvite(deps.db, code, deps.clock.now()) : null;
      if (!invite) {
        await deps.rateLimiter.recordFailure('inviteFailuresPerIp', ip);
        throw linkNotValid();
      }
      return c.json({ username: invite.username, purpose: invite.purpose, expiresAt: invite.expiresAt } satisfies InviteInfo, 200);
    })
    .post('/:code/accept', zValidator('json', acceptInviteRequestSchema, rejectInvalid), async (c) => {
      refuseWhenPasswordSignInOff(oidc);
      const ip = rateLimitKeyOfIp(c);
      await deps.rateLimiter.refuseWhenFull('inviteFailuresPerIp', ip);
      const code = c.req.param('code');
      const now = deps.clock.now();
      const passwordHash = await hashPassword(c.req.valid('json').password);
      const accepted = inviteCodePattern.test(code) ? await acceptInvite(deps.db, code, passwordHash, now) : null;
      if (!accepted) {
        await deps.rateLimiter.recordFailure('inviteFailuresPerIp', ip);
        throw linkNotValid();
      }
      await recordSignIn(deps.db, accepted.user.id, now);
      const sessionId = await createSession(deps.db, accepted.user.id, now, new Date(now.getTime() + sessionLifetimeMs), requestOrigin(c));
      setSessionCookie(c, deps, sessionId);
      c.set('caller', { method: 'session', user: accepted.user, sessionId });
      return c.json({ user: accepted.user } satisfies SignInResponse, 200);
    });
