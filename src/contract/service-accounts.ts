import { z } from 'zod/mini';
import { timestampSchema } from './timestamp';
import { usernameSchema, type User, type UserKind } from './users';

/**
 * Service accounts (Settings → Service accounts): non-person owners of tokens for pipelines and
 * integrations. A name, a description, managers (people who may manage its tokens) and permissions;
 * no password and no sign-in. `GET/POST /api/service-accounts` (admins create; admins see all,
 * managers theirs; active ones unless `?status=deactivated`), `GET/PATCH /api/service-accounts/:id`
 * (admins change, deactivate and reactivate it), `GET /api/service-accounts/:id/deactivation` (admins:
 * what deactivating would stop). Nothing is deleted: a deactivated one keeps its name and revoked tokens. Its tokens are managed
 * through `/api/api-keys` with `owner` (list) and `ownerId` (create), by its managers and admins.
 */

export const userKindLabels: Record<UserKind, string> = { person: 'Person', service_account: 'Service account' };

/** What a service account may do beyond holding tokens. `introspect`: ask about other tokens (RFC 7662). */
export const serviceAccountPermissions = ['introspect'] as const;
export const serviceAccountPermissionSchema = z.enum(serviceAccountPermissions);
export type ServiceAccountPermission = z.infer<typeof serviceAccountPermissionSchema>;

export const serviceAccountPermissionLabels: Record<ServiceAccountPermission, { label: string; description: string }> = {
  introspect: { label: 'Introspect tokens', description: 'Its tokens may ask Keyline whether another token is active and what it may do.' },
};

/**
 * The owner behind a token credential, as the server's lookup hands it to whoever checks a caller:
 * the user, what kind of owner it is and, for a service account, its permissions (none for a person).
 */
export type CredentialOwner = User & { kind: UserKind; permissions: ServiceAccountPermission[] };

/** Whether a token's owner holds a permission: only service accounts ever hold one. */
export const holdsPermission = (owner: Pick<CredentialOwner, 'kind' | 'permissions'>, permission: ServiceAccountPermission) =>
  owner.kind === 'service_account' && owner.permissions.includes(permission);

export const descriptionMaxLength = 500;
export const maxManagers = 50;

const personRefSchema = z.object({ id: z.string(), username: z.string() });

/** Deactivated: its tokens were revoked and it is off the default list; reactivating brings back the account, not the tokens. */
export const serviceAccountStatuses = ['active', 'deactivated'] as const;
export const serviceAccountStatusSchema = z.enum(serviceAccountStatuses);
export type ServiceAccountStatus = z.infer<typeof serviceAccountStatusSchema>;

export const serviceAccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullable(z.string()),
  /** People who may create, rotate and revoke its tokens, alphabetical. `active: false`: deactivated since. */
  managers: z.array(z.object({ id: z.string(), username: z.string(), active: z.boolean() })),
  permissions: z.array(serviceAccountPermissionSchema),
  createdAt: timestampSchema,
  /** Null once that person's record is gone; a deactivated creator stays named. */
  createdBy: z.nullable(personRefSchema),
  /** Tokens neither revoked nor expired. */
  liveTokens: z.int(),
  /** The server always sends it; answers and test data made before it existed read as active. */
  status: z.optional(serviceAccountStatusSchema),
  /** Who deactivated it and when, while it is deactivated. */
  deactivated: z.optional(z.nullable(z.object({ at: timestampSchema, by: z.nullable(personRefSchema) }))),
});
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

export const serviceAccountListSchema = z.object({ data: z.array(serviceAccountSchema) });

export const serviceAccountListQuerySchema = z.strictObject({
  /** `active` when missing: deactivated ones are listed only when asked for. */
  status: z.optional(serviceAccountStatusSchema),
});
export type ServiceAccountListQuery = z.infer<typeof serviceAccountListQuerySchema>;

export type ServiceAccountList = z.infer<typeof serviceAccountListSchema>;

const managerIdsSchema = z
  .array(z.string().check(z.minLength(1), z.maxLength(64)), { error: 'Give the managers as a list of people.' })
  .check(z.maxLength(maxManagers, `At most ${maxManagers} managers.`));

const descriptionSchema = z.string({ error: 'The description is text.' }).check(
  z.trim(),
  z.maxLength(descriptionMaxLength, `A description has at most ${descriptionMaxLength} characters.`),
  z.refine((text) => !text.includes('\u0000'), 'A description can’t contain NUL characters.'),
);

/** Names follow the username rules: a service account lives among the workspace's users. */
export const createServiceAccountRequestSchema = z.strictObject({
  name: usernameSchema,
  description: z.optional(descriptionSchema),
  managerIds: z.optional(managerIdsSchema),
  permissions: z.optional(z.array(serviceAccountPermissionSchema).check(z.maxLength(serviceAccountPermissions.length))),
});
export type CreateServiceAccountRequest = z.infer<typeof createServiceAccountRequestSchema>;

export const updateServiceAccountRequestSchema = z.strictObject({
  name: z.optional(usernameSchema),
  description: z.optional(descriptionSchema),
  managerIds: z.optional(managerIdsSchema),
  permissions: z.optional(z.array(serviceAccountPermissionSchema).check(z.maxLength(serviceAccountPermissions.length))),
  /** `deactivated` revokes its live tokens at once; `active` brings the account back, its tokens stay revoked. */
  status: z.optional(serviceAccountStatusSchema),
});
export type UpdateServiceAccountRequest = z.infer<typeof updateServiceAccountRequestSchema>;

export const serviceAccountMessages = {
  nameTaken: (name: string) => `“${name}” is already the name of a person or service account. Pick another name.`,
  notAPerson: 'Managers must be people of this workspace who are not deactivated.',
  nothingToChange: 'Nothing to change.',
  deactivated: (name: string) => `${name} is deactivated. Reactivate it before giving it new tokens.`,
} as const;

/** Whether a service account is active: a missing status (an answer from before it existed) is. */
export const isServiceAccountActive = (account: Pick<ServiceAccount, 'status'>) => account.status !== 'deactivated';

/** Whether `user` may manage the tokens of a service account: admins always, others when they are a manager. */
export const managesServiceAccount = (user: Pick<User, 'id' | 'role'>, account: Pick<ServiceAccount, 'managers'>) =>
  user.role === 'admin' || account.managers.some((manager) => manager.id === user.id);
