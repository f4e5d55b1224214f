import { z } from 'zod/mini';
import { timestampSchema } from './timestamp';

export const roles = ['admin', 'member'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Who a user row is: a person, or a service account (an owner of tokens that never signs in). */
export const userKinds = ['person', 'service_account'] as const;
export const userKindSchema = z.enum(userKinds);
export type UserKind = z.infer<typeof userKindSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: roleSchema,
});
export type User = z.infer<typeof userSchema>;

export const usernameSchema = z.string().check(
  z.trim(),
  z.minLength(1, 'Enter a username.'),
  z.maxLength(64, 'A username has at most 64 characters.'),
  z.regex(/^[a-z0-9][a-z0-9._-]*$/i, 'Use letters, digits, dots, dashes and underscores.'),
);

export const signInRequestSchema = z.strictObject({
  username: z.string({ error: 'Enter your username.' }).check(
    z.trim(),
    z.minLength(1, 'Enter your username.'),
    z.maxLength(64, 'A username has at most 64 characters.'),
  ),
  password: z.string({ error: 'Enter your password.' }).check(z.minLength(1, 'Enter your password.'), z.maxLength(1024, 'That password is too long.')),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const signInResponseSchema = z.object({ user: userSchema });
export type SignInResponse = z.infer<typeof signInResponseSchema>;

/** How the caller of `GET /api/auth/me` proved who they are. */
export const authMethodSchema = z.union([
  z.object({ method: z.literal('session') }),
  /** `expiresAt`: when the presented token stops working, so a client can warn before it does (`keyline status`). */
  z.object({ method: z.literal('token'), apiKeyId: z.string(), scopes: z.array(z.string()), expiresAt: timestampSchema }),
]);

export const meResponseSchema = z.object({
  user: userSchema,
  auth: authMethodSchema,
});
export type MeResponse = z.infer<typeof meResponseSchema>;
