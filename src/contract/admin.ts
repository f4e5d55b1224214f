import { z } from 'zod';
import { environmentSchema } from './policy';
import { apiKeySchema, apiKeyStatuses } from './tokens';

/**
 * Admin-only calls: the stale-key review across every user (`GET /api/admin/api-keys`), bulk revoke
 * and the policy update. Members get 403 `permission_error` on all of them, whatever the input.
 *
 * Staleness is one definition everywhere (filters, quick-view counts, the UI):
 * a token is *unused for N days* when it is active and its last use — or, if it was never used,
 * its creation — is more than N days before now. A token made yesterday is not stale yet.
 */

export const adminApiKeySortFields = ['lastUsedAt', 'createdAt', 'expiresAt'] as const;
export type AdminApiKeySort = (typeof adminApiKeySortFields)[number];

// Query strings carry "true"; a JSON body (revoke by filter) carries true. Both mean the same.
const flag = z.union([z.boolean(), z.stringbool()]);
const days = z.coerce.number().int('Use a whole number of days.').min(1, 'At least 1 day.').max(3650, 'At most 3650 days.');

/** What narrows the review. Every field is optional; together they AND. */
export const adminApiKeyFilterSchema = z.strictObject({
  /** Exact username (case-insensitive). */
  owner: z.string().trim().max(64).optional(),
  environment: z.string().max(64).optional(),
  /** Default `all`. */
  status: z.enum([...apiKeyStatuses, 'all']).optional(),
  /** Only tokens that have never been used (any status unless `status` says otherwise). */
  neverUsed: flag.optional(),
  /** Active tokens whose last use (or creation, if never used) is more than N days ago. */
  unusedForDays: days.optional(),
  /** Active tokens expiring within N days from now. */
  expiringWithinDays: days.optional(),
  /** Part of the token name, case-insensitive. */
  q: z.string().max(100).optional(),
});
export type AdminApiKeyFilter = z.infer<typeof adminApiKeyFilterSchema>;
/** What a client sends (booleans and numbers before coercion). */
export type AdminApiKeyFilterInput = z.input<typeof adminApiKeyFilterSchema>;

/** Query string of `GET /api/admin/api-keys`. */
export const adminApiKeyListQuerySchema = adminApiKeyFilterSchema.extend({
  /** Default `lastUsedAt`. */
  sort: z.enum(adminApiKeySortFields).optional(),
  /** Default `asc` (stalest first). */
  order: z.enum(['asc', 'desc']).optional(),
  /**
   * Where never-used tokens go when sorting by last use. Default: first when ascending, last when
   * descending — never used counts as the oldest use.
   */
  nullsFirst: flag.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  /** `nextCursor` of the previous page; only valid with the same filters and sort. */
  cursor: z.string().max(512).optional(),
});
export type AdminApiKeyListQuery = z.infer<typeof adminApiKeyListQuerySchema>;
export type AdminApiKeyListQueryInput = z.input<typeof adminApiKeyListQuerySchema>;

export const adminApiKeyCountsSchema = z.object({
  neverUsed: z.number().int(),
  unused30: z.number().int(),
  unused90: z.number().int(),
  expiring7: z.number().int(),
  expired: z.number().int(),
  /** Every token, any status. */
  all: z.number().int(),
});
export type AdminApiKeyCounts = z.infer<typeof adminApiKeyCountsSchema>;

export const adminApiKeyListSchema = z.object({
  data: z.array(apiKeySchema),
  nextCursor: z.string().nullable(),
  /** Tokens matching every filter. */
  total: z.number().int(),
  /** Distinct owners of those tokens (for "37 tokens belonging to 12 people"). */
  owners: z.number().int(),
  /**
   * Quick-view counts within the owner, environment and name filters only (not status or the
   * staleness filters), so the numbers on the quick views stay put while you switch between them.
   */
  counts: adminApiKeyCountsSchema,
});
export type AdminApiKeyList = z.infer<typeof adminApiKeyListSchema>;

export const maxBulkRevokeIds = 1000;

/** All or nothing: by explicit ids, or every token matching a filter ("Select all N matching"). */
export const bulkRevokeRequestSchema = z.union([
  z.strictObject({
    ids: z
      .array(z.string().min(1).max(64), { error: 'Give the ids to revoke.' })
      .min(1, 'Choose at least one token.')
      .max(maxBulkRevokeIds, `At most ${maxBulkRevokeIds} tokens at once; use a filter for more.`),
  }),
  z.strictObject({
    filter: adminApiKeyFilterSchema,
    /** How many tokens the admin saw matching; if the set changed meanwhile, nothing is revoked (422). */
    expectedTotal: z.number().int().min(0).optional(),
  }),
]);
export type BulkRevokeRequest = z.input<typeof bulkRevokeRequestSchema>;

export const bulkRevokeResponseSchema = z.object({
  /** Tokens revoked by this call; already revoked ones are accepted but not counted. */
  revoked: z.number().int(),
});
export type BulkRevokeResponse = z.infer<typeof bulkRevokeResponseSchema>;

const lifetime = (what: string) =>
  z
    .number({ error: `Enter the ${what} in days.` })
    .int('Use a whole number of days.')
    .min(1, 'At least 1 day.')
    .max(3650, 'At most 3650 days (10 years).');

/**
 * Body of `PUT /api/policy`: the editable part of the policy (the prefix and the scope catalog are
 * server configuration). Scope ids are checked against the catalog by the server.
 */
export const updatePolicyRequestSchema = z
  .strictObject({
    defaultLifetimeDays: lifetime('default lifetime'),
    maxLifetimeDays: lifetime('maximum lifetime'),
    environments: z
      .array(
        environmentSchema.extend({
          id: z
            .string()
            .regex(/^[a-z][a-z0-9-]{0,31}$/, 'Use 1–32 lowercase letters, digits or dashes, starting with a letter.'),
          label: z.string().trim().min(1, 'Enter a label.').max(40, 'A label has at most 40 characters.'),
          tag: z.string().regex(/^[a-z0-9]{2,8}$/, 'Use 2–8 lowercase letters or digits.'),
        }),
      )
      .min(1, 'Keep at least one environment.')
      .max(20, 'At most 20 environments.'),
    defaultEnvironment: z.string().min(1, 'Choose the default environment.'),
    allowedScopesByEnvironment: z.record(z.string(), z.array(z.string()).max(64)),
    maxActiveTokensPerUser: z.number().int('Use a whole number.').min(1, 'At least 1, or no limit.').max(10_000).nullable(),
  })
  .superRefine((policy, ctx) => {
    if (policy.defaultLifetimeDays > policy.maxLifetimeDays) {
      ctx.addIssue({ code: 'custom', path: ['defaultLifetimeDays'], message: 'The default cannot be longer than the maximum.' });
    }
    const ids = new Set<string>();
    const tags = new Set<string>();
    policy.environments.forEach((environment, index) => {
      if (ids.has(environment.id)) ctx.addIssue({ code: 'custom', path: ['environments', index, 'id'], message: 'Each environment needs its own id.' });
      if (tags.has(environment.tag)) ctx.addIssue({ code: 'custom', path: ['environments', index, 'tag'], message: 'Each environment needs its own tag.' });
      ids.add(environment.id);
      tags.add(environment.tag);
    });
    if (!ids.has(policy.defaultEnvironment)) {
      ctx.addIssue({ code: 'custom', path: ['defaultEnvironment'], message: 'Choose one of the environments.' });
    }
    for (const environmentId of Object.keys(policy.allowedScopesByEnvironment)) {
      if (!ids.has(environmentId)) {
        ctx.addIssue({ code: 'custom', path: ['allowedScopesByEnvironment', environmentId], message: 'No such environment.' });
      }
    }
  });
export type UpdatePolicyRequest = z.infer<typeof updatePolicyRequestSchema>;
