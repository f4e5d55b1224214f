import { z } from 'zod/mini';
import { apiKeySchema, apiKeyStatuses } from './tokens';
import { userKindSchema } from './users';

/**
 * Admin-only calls: the stale-key review across every user (`GET /api/admin/api-keys`), bulk revoke
 * and the policy update (its body schema is in `policy-update.ts`). Members get 403
 * `permission_error` on all of them, whatever the input.
 *
 * Staleness is one definition everywhere (filters, quick-view counts, the UI):
 * a token is *unused for N days* when it is active and its last use — or, if it was never used,
 * its creation — is more than N days before now. A token made yesterday is not stale yet.
 */

export const adminApiKeySortFields = ['lastUsedAt', 'createdAt', 'expiresAt'] as const;
export type AdminApiKeySort = (typeof adminApiKeySortFields)[number];

// Query strings carry "true"; a JSON body (revoke by filter) carries true. Both mean the same.
const flag = z.union([z.boolean(), z.stringbool()]);
const days = z.coerce.number().check(z.int('Use a whole number of days.'), z.minimum(1, 'At least 1 day.'), z.maximum(3650, 'At most 3650 days.'));

/** What narrows the review. Every field is optional; together they AND. */
export const adminApiKeyFilterSchema = z.strictObject({
  /** Exact username (case-insensitive). */
  owner: z.optional(z.string().check(z.trim(), z.maxLength(64))),
  /** People's tokens, or service accounts'. */
  ownerKind: z.optional(userKindSchema),
  environment: z.optional(z.string().check(z.maxLength(64))),
  /** Default `all`. */
  status: z.optional(z.enum([...apiKeyStatuses, 'all'])),
  /** Only tokens that have never been used (any status unless `status` says otherwise). */
  neverUsed: z.optional(flag),
  /** Active tokens whose last use (or creation, if never used) is more than N days ago. */
  unusedForDays: z.optional(days),
  /** Active tokens expiring within N days from now. */
  expiringWithinDays: z.optional(days),
  /** Part of the token name, case-insensitive. */
  q: z.optional(z.string().check(z.maxLength(100))),
});
export type AdminApiKeyFilter = z.infer<typeof adminApiKeyFilterSchema>;
/** What a client sends (booleans and numbers before coercion). */
export type AdminApiKeyFilterInput = z.input<typeof adminApiKeyFilterSchema>;

/** Query string of `GET /api/admin/api-keys`. */
export const adminApiKeyListQuerySchema = z.strictObject({
  ...adminApiKeyFilterSchema.shape,
  /** Default `lastUsedAt`. */
  sort: z.optional(z.enum(adminApiKeySortFields)),
  /** Default `asc` (stalest first). */
  order: z.optional(z.enum(['asc', 'desc'])),
  /**
   * Where never-used tokens go when sorting by last use. Default: first when ascending, last when
   * descending — never used counts as the oldest use.
   */
  nullsFirst: z.optional(flag),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
  /** `nextCursor` of the previous page; only valid with the same filters and sort. */
  cursor: z.optional(z.string().check(z.maxLength(512))),
});
export type AdminApiKeyListQuery = z.infer<typeof adminApiKeyListQuerySchema>;
export type AdminApiKeyListQueryInput = z.input<typeof adminApiKeyListQuerySchema>;

export const adminApiKeyCountsSchema = z.object({
  neverUsed: z.int(),
  unused30: z.int(),
  unused90: z.int(),
  expiring7: z.int(),
  expired: z.int(),
  /** Neither revoked nor expired: the review's default view. */
  active: z.int(),
  /** Every token, any status. */
  all: z.int(),
});
export type AdminApiKeyCounts = z.infer<typeof adminApiKeyCountsSchema>;

/**
 * One page of `GET /api/admin/api-keys`: rows only. Counting every match costs a scan of the whole
 * table, so the numbers are a request of their own (`GET /api/admin/api-keys/summary`) and the rows
 * never wait for them.
 */
export const adminApiKeyListSchema = z.object({
  data: z.array(apiKeySchema),
  nextCursor: z.nullable(z.string()),
});
export type AdminApiKeyList = z.infer<typeof adminApiKeyListSchema>;

/** `GET /api/admin/api-keys/summary`: the numbers for one set of filters. */
export const adminApiKeySummarySchema = z.object({
  /** Tokens matching every filter ("Select all N matching", the bulk revoke's `expectedTotal`). */
  total: z.int(),
  /** Distinct owners of those tokens (for "37 tokens belonging to 12 people"). */
  owners: z.int(),
  /**
   * Quick-view counts within the owner, environment and name filters only (not status or the
   * staleness filters), so the numbers on the quick views stay put while you switch between them.
   */
  counts: adminApiKeyCountsSchema,
});
export type AdminApiKeySummary = z.infer<typeof adminApiKeySummarySchema>;

export const maxBulkRevokeIds = 1000;

/** All or nothing: by explicit ids, or every token matching a filter ("Select all N matching"). */
export const bulkRevokeRequestSchema = z.union([
  z.strictObject({
    ids: z
      .array(z.string().check(z.minLength(1), z.maxLength(64)), { error: 'Give the ids to revoke.' })
      .check(
        z.minLength(1, 'Choose at least one token.'),
        z.maxLength(maxBulkRevokeIds, `At most ${maxBulkRevokeIds} tokens at once; use a filter for more.`),
      ),
  }),
  z.strictObject({
    filter: adminApiKeyFilterSchema,
    /** How many tokens the admin saw matching; if the set changed meanwhile, nothing is revoked (422). */
    expectedTotal: z.optional(z.int().check(z.minimum(0))),
  }),
]);
export type BulkRevokeRequest = z.input<typeof bulkRevokeRequestSchema>;

export const bulkRevokeResponseSchema = z.object({
  /** Tokens revoked by this call; already revoked ones are accepted but not counted. */
  revoked: z.int(),
});
export type BulkRevokeResponse = z.infer<typeof bulkRevokeResponseSchema>;
