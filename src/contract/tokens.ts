import { z } from 'zod';

export const apiKeyStatuses = ['active', 'expired', 'revoked'] as const;
export const apiKeyStatusSchema = z.enum(apiKeyStatuses);
export type ApiKeyStatus = z.infer<typeof apiKeyStatusSchema>;

const timestamp = z.iso.datetime();

/** A token as every response shows it. There is no secret here, by design. */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  environment: z.string(),
  scopes: z.array(z.string()),
  /** Safe to show: prefix, environment tag and the last four characters, e.g. `kl_prod_…a1B9`. */
  hint: z.string(),
  status: apiKeyStatusSchema,
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  lastUsedIp: z.string().nullable(),
  lastUsedUserAgent: z.string().nullable(),
  expiresAt: timestamp,
  revokedAt: timestamp.nullable(),
  owner: z.object({ id: z.string(), username: z.string() }),
  /** The latest rotate, if any: how long the replaced secret still works and how often it was used since. */
  rotation: z
    .object({
      rotatedAt: timestamp,
      previousSecretValidUntil: timestamp,
      /** Derived on the server like `status`: a client clock that lags must not show a cut-off secret as alive. */
      previousSecretActive: z.boolean(),
      previousSecretUses: z.number().int(),
    })
    .nullable()
    .optional(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeyListSchema = z.object({ data: z.array(apiKeySchema) });
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;

export const apiKeySortFields = ['lastUsedAt', 'createdAt', 'name', 'expiresAt'] as const;

/** Query string of `GET /api/api-keys`. Every field is optional. */
export const apiKeyListQuerySchema = z.strictObject({
  status: z.enum([...apiKeyStatuses, 'all']).optional(),
  environment: z.string().max(64).optional(),
  q: z.string().max(100).optional(),
  sort: z.enum(apiKeySortFields).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
export type ApiKeyListQuery = z.infer<typeof apiKeyListQuerySchema>;

export const nameSchema = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'A name has at most 100 characters.');

export const createApiKeyRequestSchema = z
  .strictObject({
    name: nameSchema,
    description: z.string().trim().max(500, 'A description has at most 500 characters.').optional(),
    environment: z.string({ error: 'Choose an environment.' }).min(1, 'Choose an environment.'),
    scopes: z
      .array(z.string(), { error: 'Choose at least one scope.' })
      .min(1, 'Choose at least one scope.')
      .max(64, 'Too many scopes.'),
    expiresInDays: z.number().int('Expiry must be a whole number of days.').min(1, 'Expiry must be at least 1 day.').optional(),
    expiresAt: timestamp.optional(),
  })
  .refine((body) => (body.expiresInDays === undefined) !== (body.expiresAt === undefined), {
    message: 'Give either expiresInDays or expiresAt.',
    path: ['expiresInDays'],
  });
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

/** The only response that ever holds a secret: the reply to a create (and, later, a rotate). */
export const createApiKeyResponseSchema = z.object({
  apiKey: apiKeySchema,
  secret: z.string(),
});
export type CreateApiKeyResponse = z.infer<typeof createApiKeyResponseSchema>;
