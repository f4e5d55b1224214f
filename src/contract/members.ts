import { z } from 'zod/mini';
import { timestampSchema } from './timestamp';
import { roleSchema, usernameSchema, type Role } from './users';

/**
 * People (Settings → Members): `GET /api/users` (admins: everyone; members: themselves),
 * `POST /api/users` adds a person with a one-time invite link, `PATCH /api/users/:id` changes a role
 * or (de)activates, `GET /api/users/:id/offboarding` previews what deactivation stops,
 * `POST /api/users/:id/invite` issues a new link (an invite, or a password reset for an active person),
 * and the link itself is read and accepted without a session under `/api/invites/:code`.
 */

export const userStatuses = ['active', 'invited', 'deactivated'] as const;
export const userStatusSchema = z.enum(userStatuses);
export type UserStatus = z.infer<typeof userStatusSchema>;

/** One person as the members page shows them. */
export const memberSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: roleSchema,
  status: userStatusSchema,
  createdAt: timestampSchema,
  lastSignInAt: z.nullable(timestampSchema),
  /** Tokens neither revoked nor expired. */
  liveTokens: z.int(),
  /** The latest use of any of their live tokens. */
  lastTokenUseAt: z.nullable(timestampSchema),
});
export type Member = z.infer<typeof memberSchema>;

export const memberListQuerySchema = z.strictObject({
  /** Part of the username, case-insensitive. */
  q: z.optional(z.string().check(z.trim(), z.maxLength(64))),
  role: z.optional(roleSchema),
  status: z.optional(userStatusSchema),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
  /** `nextCursor` of the previous page, with the same filters. */
  cursor: z.optional(z.string().check(z.maxLength(512))),
});
export type MemberListQuery = z.infer<typeof memberListQuerySchema>;

export const memberListSchema = z.object({
  members: z.array(memberSchema),
  /** Everyone matching the filters, not just this page. */
  total: z.int(),
  nextCursor: z.nullable(z.string()),
});
export type MemberList = z.infer<typeof memberListSchema>;

export const addMemberRequestSchema = z.strictObject({
  username: usernameSchema,
  role: roleSchema,
});
export type AddMemberRequest = z.infer<typeof addMemberRequestSchema>;

export const invitePurposes = ['invite', 'password_reset'] as const;
export const invitePurposeSchema = z.enum(invitePurposes);
export type InvitePurpose = z.infer<typeof invitePurposeSchema>;

/** How long an invite or reset link works. */
export const inviteLifetimeDays = 7;

/** The only answers that ever hold a link: shown once to the admin, who hands it over. */
export const inviteResponseSchema = z.object({
  user: memberSchema,
  inviteUrl: z.string(),
  purpose: invitePurposeSchema,
  expiresAt: timestampSchema,
});
export type InviteResponse = z.infer<typeof inviteResponseSchema>;

export const updateMemberRequestSchema = z.strictObject({
  role: z.optional(roleSchema),
  /** `invited` is not something to set: a person becomes active by accepting their invite. */
  status: z.optional(z.enum(['active', 'deactivated'])),
});
export type UpdateMemberRequest = z.infer<typeof updateMemberRequestSchema>;

export const memberEventTypes = ['added', 'invited', 'joined', 'role_changed', 'deactivated', 'reactivated', 'password_reset_issued', 'password_changed'] as const;
export const memberEventSchema = z.object({
  type: z.enum(memberEventTypes),
  at: timestampSchema,
  /** Who did it; null when the person did it themselves through a link, or for a deleted admin. */
  actor: z.nullable(z.object({ id: z.string(), username: z.string() })),
  /** role_changed: the new role. */
  detail: z.nullable(z.string()),
});
export type MemberEvent = z.infer<typeof memberEventSchema>;

export const memberDetailSchema = z.object({
  user: memberSchema,
  events: z.array(memberEventSchema),
});
export type MemberDetail = z.infer<typeof memberDetailSchema>;

/** A live token that deactivating its owner would stop. */
export const offboardingTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  environment: z.string(),
  hint: z.string(),
  expiresAt: timestampSchema,
  lastUsedAt: z.nullable(timestampSchema),
  lastUsedIp: z.nullable(z.string()),
  lastUsedUserAgent: z.nullable(z.string()),
});
export type OffboardingToken = z.infer<typeof offboardingTokenSchema>;

/** Used within this many days counts as "in use" in the preview. */
export const recentUseDays = 7;

export const offboardingPreviewSchema = z.object({
  user: memberSchema,
  /** Most recently used first; never used last. */
  tokens: z.array(offboardingTokenSchema),
  /** Of `tokens`, how many were used within `recentUseDays`. */
  recentlyUsed: z.int(),
  /** Sessions that deactivating ends. */
  sessions: z.int(),
});
export type OffboardingPreview = z.infer<typeof offboardingPreviewSchema>;

/** `GET /api/invites/:code`: what the link is for, so the page can greet the person. */
export const inviteInfoSchema = z.object({
  username: z.string(),
  purpose: invitePurposeSchema,
  expiresAt: timestampSchema,
});
export type InviteInfo = z.infer<typeof inviteInfoSchema>;

export const passwordMinLength = 12;

/** A password someone chooses (invite, reset, change). Sign-in accepts any stored password. */
export const newPasswordSchema = z.string({ error: 'Choose a password.' }).check(
  z.minLength(passwordMinLength, `Use at least ${passwordMinLength} characters.`),
  z.maxLength(1024, 'That password is too long.'),
  z.refine((password) => new Set(password).size >= 5, { error: 'Use more different characters.' }),
);

export const acceptInviteRequestSchema = z.strictObject({ password: newPasswordSchema });
export type AcceptInviteRequest = z.infer<typeof acceptInviteRequestSchema>;

/** The people rules' messages, for the server and the mocks alike. */
export const memberMessages = {
  usernameTaken: (username: string) => `Someone named “${username}” is already here. Pick another username.`,
  lastAdmin: 'This is the last active admin. Make someone else an admin first.',
  notJoinedYet: 'This person has not accepted their invite yet. Send them a new invite link instead.',
  linkNotValid: 'This link is not valid any more: it was used, replaced or has expired. Ask an admin for a new one.',
  /** A new password typed twice, differently (invite, reset, change). */
  passwordsDiffer: 'The two passwords differ. Type the same one twice.',
} as const;

/**
 * Whether a change takes away the workspace's last active admin: an active admin stops being an admin
 * or stops being active while no other active admin exists. Refused, so a workspace always has one.
 */
export function removesLastAdmin(
  current: { role: Role; status: UserStatus },
  change: UpdateMemberRequest,
  activeAdmins: number,
): boolean {
  const wasActiveAdmin = current.role === 'admin' && current.status === 'active';
  const staysActiveAdmin = (change.role ?? current.role) === 'admin' && (change.status ?? current.status) === 'active';
  return wasActiveAdmin && !staysActiveAdmin && activeAdmins <= 1;
}

/** What the invite code in `/invite/<code>` looks like (base64url of 32 random bytes). */
export const inviteCodePattern = /^[A-Za-z0-9_-]{43}$/;
