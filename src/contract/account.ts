import { z } from 'zod/mini';
import { newPasswordSchema } from './members';
import { timestampSchema } from './timestamp';

/**
 * My account (`/account/security`), for the signed-in person only, with a session (never a token):
 * `GET /api/account/sessions` lists my sessions, `DELETE /api/account/sessions/:id` signs one of them
 * out, `DELETE /api/account/sessions` signs out every other one, `POST /api/account/password` changes
 * my password and signs out every other session.
 */

/** One place I am signed in. `id` is an opaque public id: never the cookie's value or its digest. */
export const accountSessionSchema = z.object({
  id: z.string(),
  createdAt: timestampSchema,
  /** Updated at most once a minute while the session is used. */
  lastSeenAt: timestampSchema,
  /** Where it was last seen from; null when unknown. */
  ip: z.nullable(z.string()),
  userAgent: z.nullable(z.string()),
  /** The session this request came with: "This device". */
  current: z.boolean(),
});
export type AccountSession = z.infer<typeof accountSessionSchema>;

/** The current session first, then the most recently seen. */
export const accountSessionListSchema = z.object({ sessions: z.array(accountSessionSchema) });
export type AccountSessionList = z.infer<typeof accountSessionListSchema>;

export const signOutOthersResponseSchema = z.object({
  /** How many other sessions were ended. */
  signedOut: z.int(),
});
export type SignOutOthersResponse = z.infer<typeof signOutOthersResponseSchema>;

export const changePasswordRequestSchema = z
  .strictObject({
    currentPassword: z.string({ error: 'Enter your current password.' }).check(
      z.minLength(1, 'Enter your current password.'),
      z.maxLength(1024, 'That password is too long.'),
    ),
    newPassword: newPasswordSchema,
  })
  .check(
    z.refine((request) => request.newPassword !== request.currentPassword, {
      error: 'Choose a password different from your current one.',
      path: ['newPassword'],
    }),
  );
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const changePasswordResponseSchema = z.object({
  /** How many other sessions the change ended. */
  signedOut: z.int(),
});
export type ChangePasswordResponse = z.infer<typeof changePasswordResponseSchema>;
