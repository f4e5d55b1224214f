import { z } from 'zod/mini';
import { timestampSchema } from './timestamp';
import { userKindSchema } from './users';

export const apiKeyStatuses = ['active', 'expired', 'revoked'] as const;
export const apiKeyStatusSchema = z.enum(apiKeyStatuses);
export type ApiKeyStatus = z.infer<typeof apiKeyStatusSchema>;

/** Why a token was revoked when its owner did not do it themselves (null: a person chose to). */
export const revocationReasons = ['owner_deactivated', 'reported_leaked'] as const;
export type RevocationReason = (typeof revocationReasons)[number];
/** How a list, the token page and the CSV name the reason: "Revoked Dec 1 · reported leaked". */
export const revocationReasonLabels: Record<RevocationReason, string> = {
  owner_deactivated: 'owner deactivated',
  reported_leaked: 'reported leaked',
};

/** A token as every response shows it. There is no secret here, by design. */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullable(z.string()),
  environment: z.string(),
  scopes: z.array(z.string()),
  /** Safe to show: prefix, environment tag and the last four characters, e.g. `kl_prod_…a1B9`. */
  hint: z.string(),
  status: apiKeyStatusSchema,
  createdAt: timestampSchema,
  lastUsedAt: z.nullable(timestampSchema),
  lastUsedIp: z.nullable(z.string()),
  lastUsedUserAgent: z.nullable(z.string()),
  expiresAt: timestampSchema,
  revokedAt: z.nullable(timestampSchema),
  /** Who revoked it: the owner, an admin, or — when the owner was deactivated — the admin who did that. Null while active, or for a deleted user. */
  revokedBy: z.nullable(z.object({ id: z.string(), username: z.string() })),
  /** Why, when not by a person's choice: its owner was deactivated, or it was reported leaked. The server always sends it. */
  revokedReason: z.optional(z.nullable(z.enum(revocationReasons))),
  /** `kind`: a person or a service account; the server always says, older answers without it were people. */
  owner: z.object({ id: z.string(), username: z.string(), kind: z.optional(userKindSchema) }),
  /** The latest rotate, if any: how long the replaced secret still works and how often it was used since. */
  rotation: z.optional(
    z.nullable(
      z.object({
        rotatedAt: timestampSchema,
        previousSecretValidUntil: timestampSchema,
        /** Derived on the server like `status`: a client clock that lags must not show a cut-off secret as alive. */
        previousSecretActive: z.boolean(),
        previousSecretUses: z.int(),
      }),
    ),
  ),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** One page of `GET /api/api-keys`, with what the page shows beyond its rows. */
export const apiKeyListSchema = z.object({
  data: z.array(apiKeySchema),
  /** Pass as `cursor` for the next page (same filters and sort); null on the last page. */
  nextCursor: z.nullable(z.string()),
  /** Tokens matching the filters, on every page. */
  total: z.int(),
  /**
   * Active tokens expiring within 7 days, whatever the filters: their number and the soonest few
   * (at most 5), for the banner that offers to rotate them.
   */
  expiringSoon: z.object({ count: z.int(), data: z.array(apiKeySchema) }),
});
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;

export const apiKeySortFields = ['lastUsedAt', 'createdAt', 'name', 'expiresAt'] as const;
export type ApiKeySort = (typeof apiKeySortFields)[number];

export const apiKeyPageSize = { default: 50, max: 100 } as const;

/** Query string of `GET /api/api-keys`. Every field is optional. */
/** A token owner's id where the caller may name one: themselves, or a service account they manage. */
const ownerIdSchema = z.string({ error: 'Give the owner’s id.' }).check(z.minLength(1, 'Give the owner’s id.'), z.maxLength(64, 'Not an owner’s id.'));

export const apiKeyListQuerySchema = z.strictObject({
  /** Whose tokens: a service account the caller manages (admins: any). Default: the caller's own. */
  owner: z.optional(ownerIdSchema),
  status: z.optional(z.enum([...apiKeyStatuses, 'all'])),
  environment: z.optional(z.string().check(z.maxLength(64))),
  q: z.optional(z.string().check(z.maxLength(100))),
  sort: z.optional(z.enum(apiKeySortFields)),
  order: z.optional(z.enum(['asc', 'desc'])),
  /** Default 50. */
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(apiKeyPageSize.max))),
  /** `nextCursor` of the previous page; only valid with the same sort and order (else 400). */
  cursor: z.optional(z.string().check(z.maxLength(512))),
});
export type ApiKeyListQuery = z.infer<typeof apiKeyListQuerySchema>;
/** What a client sends (the limit before coercion). */
export type ApiKeyListQueryInput = z.input<typeof apiKeyListQuerySchema>;

/**
 * Characters nobody sees in a name: controls, format characters (zero-width spaces and joiners, bidi
 * overrides), line and paragraph separators, and the Hangul and Braille blanks. Two names that differ
 * only by them look identical, so a name may not hold any.
 */
export const invisibleNameCharacters = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** The longest name and description a token may have (the form counts against them too). */
export const nameMaxLength = 100;
export const descriptionMaxLength = 500;

/** A token's name, trimmed and composed (NFC): the form it is stored and shown in. */
export const nameSchema = z
  .string({ error: 'Enter a name.' })
  .check(
    z.trim(),
    z.normalize('NFC'),
    z.minLength(1, 'Enter a name.'),
    z.maxLength(nameMaxLength, `A name has at most ${nameMaxLength} characters.`),
    z.refine((name) => !invisibleNameCharacters.test(name), 'A name can’t contain invisible characters such as zero-width spaces.'),
  );

export const createApiKeyRequestSchema = z
  .strictObject({
    name: nameSchema,
    description: z.optional(z.string().check(z.trim(), z.maxLength(descriptionMaxLength, `A description has at most ${descriptionMaxLength} characters.`))),
    environment: z.string({ error: 'Choose an environment.' }).check(z.minLength(1, 'Choose an environment.')),
    scopes: z
      .array(z.string(), { error: 'Choose at least one scope.' })
      .check(z.minLength(1, 'Choose at least one scope.'), z.maxLength(64, 'Too many scopes.')),
    expiresInDays: z.optional(z.int({ error: 'Expiry must be a whole number of days.' }).check(z.minimum(1, 'Expiry must be at least 1 day.'))),
    expiresAt: z.optional(timestampSchema),
    /** For a service account the caller manages (admins: any). Default: the caller. */
    ownerId: z.optional(ownerIdSchema),
  })
  .check(
    z.refine((body) => (body.expiresInDays === undefined) !== (body.expiresAt === undefined), {
      error: 'Give either expiresInDays or expiresAt.',
      path: ['expiresInDays'],
    }),
  );
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

/** The only response that ever holds a secret: the reply to a create (and, later, a rotate). */
export const createApiKeyResponseSchema = z.object({
  apiKey: apiKeySchema,
  secret: z.string(),
});
export type CreateApiKeyResponse = z.infer<typeof createApiKeyResponseSchema>;
