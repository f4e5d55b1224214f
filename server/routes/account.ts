import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import {
  changePasswordRequestSchema,
  type AccountSessionList,
  type ChangePasswordResponse,
  type SignOutOthersResponse,
} from '../../src/contract/account';
import { updateNotificationPreferencesRequestSchema, type NotificationPreferences } from '../../src/contract/notification-preferences';
import type { AppDeps, AppEnv } from '../context';
import { findNotificationPreferences, saveNotificationPreferences } from '../db/notification-preferences';
import { deleteOtherSessions, deleteUserSession, listUserSessions } from '../db/sessions';
import { changePassword, findPasswordHash } from '../db/users';
import { ApiError, invalidFields, notFound, rejectInvalid } from '../errors';
import { requireSession } from '../middleware/auth';
import { refuseWhenPasswordSignInOff, type OidcConfig } from '../sso/relying-party';
import { hashPassword, verifyPassword } from '../users/password';

/** The caller's user and session id; `requireSession` runs first, so the caller has a session. */
function sessionOf(c: Context<AppEnv>) {
  const caller = c.get('caller');
  if (caller.method !== 'session') throw new ApiError(403, 'permission_error', 'Your account needs a signed-in session.');
  return { user: caller.user, sessionId: caller.sessionId };
}

/**
 * My account: my sessions, my password and my email notices. A session only: a token must never be able
 * to read where its owner is signed in, sign them out, take over their password or redirect their notices.
 */
export const accountRoutes = (deps: AppDeps, { emailNotices, oidc }: { emailNotices: boolean; oidc?: OidcConfig }) =>
  new Hono<AppEnv>()
    .use(requireSession(deps))
    .get('/sessions', async (c) => {
      const { user, sessionId } = sessionOf(c);
      const sessions = await listUserSessions(deps.db, user.id, sessionId, deps.clock.now());
      return c.json({ sessions } satisfies AccountSessionList, 200);
    })
    // Every other session; this one stays signed in.
    .delete('/sessions', async (c) => {
      const { user, sessionId } = sessionOf(c);
      const signedOut = await deleteOtherSessions(deps.db, user.id, sessionId, deps.clock.now());
      return c.json({ signedOut } satisfies SignOutOthersResponse, 200);
    })
    .delete('/sessions/:id', async (c) => {
      const { user, sessionId } = sessionOf(c);
      const result = await deleteUserSession(deps.db, user.id, c.req.param('id'), sessionId);
      if (result === 'current') {
        throw new ApiError(409, 'invalid_request_error', 'This is the session you are using. Sign out from the account menu instead.');
      }
      // Someone else's session answers as if it did not exist: nothing to learn by probing.
      if (result === 'not_found') throw notFound();
      return c.body(null, 204);
    })
    .post('/password', zValidator('json', changePasswordRequestSchema, rejectInvalid), async (c) => {
      const { user, sessionId } = sessionOf(c);
      refuseWhenPasswordSignInOff(oidc);
      const { currentPassword, newPassword } = c.req.valid('json');
      // Checked before the password is, like sign-in: a right password while limited still gets 429, no oracle.
      await deps.rateLimiter.refuseWhenFull('passwordChangeFailuresPerUser', user.id);
      if (!(await verifyPassword(currentPassword, await findPasswordHash(deps.db, user.id)))) {
        await deps.rateLimiter.recordFailure('passwordChangeFailuresPerUser', user.id);
        throw invalidFields(422, { currentPassword: 'That is not your current password.' }, 'Your current password is not right.');
      }
      const passwordHash = await hashPassword(newPassword);
      const signedOut = await changePassword(deps.db, { userId: user.id, currentSessionId: sessionId, passwordHash, now: deps.clock.now() });
      deps.logger.info('Password changed', { user: user.id, signedOut });
      return c.json({ signedOut } satisfies ChangePasswordResponse, 200);
    })
    .get('/notifications', async (c) => {
      const { user } = sessionOf(c);
      const preferences = await findNotificationPreferences(deps.db, user.id, emailNotices);
      if (!preferences) throw notFound();
      return c.json(preferences satisfies NotificationPreferences, 200);
    })
    .put('/notifications', zValidator('json', updateNotificationPreferencesRequestSchema, rejectInvalid), async (c) => {
      const { user } = sessionOf(c);
      const { email, expiryEmails } = c.req.valid('json');
      const preferences = await saveNotificationPreferences(deps.db, user.id, { email, expiryEmails, now: deps.clock.now() }, emailNotices);
      if (!preferences) throw notFound();
      return c.json(preferences satisfies NotificationPreferences, 200);
    });
