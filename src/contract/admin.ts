import { z } from 'zod/mini';
import { apiKeySchema, apiKeyStatuses } from './tokens';
import {
  heldScopesUsed,
  narrowedScopes,
  narrowScopesMessages,
  unusedScopeDays,
  unusedScopeSchema,
  unusedScopesOf,
  usageDaySchema,
  usageRetentionDays,
  type UnusedScope,
} from './usage';
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
  /** Active tokens holding a scope for `unusedScopeDays` or more without a single use (what bulk narrowing would shrink). */
  overScoped: z.optional(flag),
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

/** A review row: the token, and how much of what it holds it uses (from the usage kept, `usageRetentionDays`). */
export const adminApiKeySchema = z.object({
  ...apiKeySchema.shape,
  /** The held scopes with a use: a use of `read:x` counts for a held `read:x`, else for the held `write:x` that granted it. */
  usedScopes: z.array(z.string()),
  /** What narrowing would remove: scopes held `unusedScopeDays` or more without a use (active tokens only). */
  unusedScopes: z.array(unusedScopeSchema),
});
export type AdminApiKey = z.infer<typeof adminApiKeySchema>;

/**
 * One page of `GET /api/admin/api-keys`: rows only. Counting every match costs a scan of the whole
 * table, so the numbers are a request of their own (`GET /api/admin/api-keys/summary`) and the rows
 * never wait for them.
 */
export const adminApiKeyListSchema = z.object({
  data: z.array(adminApiKeySchema),
  nextCursor: z.nullable(z.string()),
});
export type AdminApiKeyList = z.infer<typeof adminApiKeyListSchema>;


/** A token as the review shows it, given the scopes its calls asked for (null: a call that asked for none). */
export function withScopeUse<T extends { scopes: string[]; createdAt: string; status: string }>(
  token: T,
  askedScopes: readonly (string | null)[],
  now: Date,
): T & { usedScopes: string[]; unusedScopes: UnusedScope[] } {
  const used = heldScopesUsed(token.scopes, askedScopes);
  return {
    ...token,
    usedScopes: token.scopes.filter((scope) => used.has(scope)),
    unusedScopes: token.status === 'active' ? unusedScopesOf(token, askedScopes, now) : [],
  };
}

/**
 * "Uses only 1 of its 3 scopes", once some scope is worth removing: held `unusedScopeDays` or more
 * without a use (`unusedScopes`, active tokens only), the rule of the token page's suggestion and of
 * bulk narrowing. Null otherwise: a token made yesterday has not had the chance to use its scopes.
 */
export function scopeUseNote(token: { scopes: readonly string[]; usedScopes: readonly string[]; unusedScopes: readonly UnusedScope[] }): string | null {
  if (token.unusedScopes.length === 0) return null;
  const held = token.scopes.length;
  const used = token.usedScopes.length;
  if (used >= held) return null;
  const noun = held === 1 ? 'scope' : 'scopes';
  return used === 0 ? `Uses none of its ${held} ${noun}` : `Uses only ${used} of its ${held} ${noun}`;
}

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

export const maxBulkNarrowIds = 200;

/** `POST /api/admin/api-keys/narrow`: remove from each token the scopes it does not use (the token page's suggestion). */
export const bulkNarrowRequestSchema = z.strictObject({
  ids: z
    .array(z.string().check(z.minLength(1), z.maxLength(64)), { error: 'Give the ids to narrow.' })
    .check(z.minLength(1, 'Choose at least one token.'), z.maxLength(maxBulkNarrowIds, `At most ${maxBulkNarrowIds} tokens at once.`)),
});
export type BulkNarrowRequest = z.infer<typeof bulkNarrowRequestSchema>;

export const bulkNarrowMessages = {
  nothingUnused: `Every scope was used, or held less than ${unusedScopeDays} days.`,
  notFound: 'No such token.',
  notActive: narrowScopesMessages.notActive,
  lastScope: narrowScopesMessages.lastScope,
} as const;

/**
 * What bulk narrowing does to one token: remove its unused scopes (held `unusedScopeDays` without a use),
 * or skip it and say why. The server applies it to what it counts now; the confirmation shows it for the rows on screen.
 */
export function bulkNarrowPlan(token: { scopes: readonly string[]; status: string; unusedScopes: readonly UnusedScope[] }):
  | { ok: true; remove: string[]; keep: string[] }
  | { ok: false; reason: string } {
  if (token.status !== 'active') return { ok: false, reason: bulkNarrowMessages.notActive };
  const remove = token.unusedScopes.map((unused) => unused.scope);
  if (remove.length === 0) return { ok: false, reason: bulkNarrowMessages.nothingUnused };
  const narrowed = narrowedScopes(token.scopes, remove);
  return narrowed.ok ? { ok: true, remove, keep: narrowed.scopes } : { ok: false, reason: narrowed.message };
}

export const bulkNarrowResponseSchema = z.object({
  narrowed: z.array(z.object({ id: z.string(), name: z.string(), removed: z.array(z.string()) })),
  /** Tokens left as they were, with why. */
  skipped: z.array(z.object({ id: z.string(), name: z.nullable(z.string()), reason: z.string() })),
});
export type BulkNarrowResponse = z.infer<typeof bulkNarrowResponseSchema>;

/** Days the workspace's usage chart covers by default, and at most (the usage kept). */
export const workspaceUsageDays = 30;
export const topTokensShown = 10;

/** `GET /api/admin/usage?days=30`. */
export const adminUsageQuerySchema = z.strictObject({
  days: z.optional(
    z.coerce
      .number()
      .check(z.int('Use a whole number of days.'), z.minimum(1, 'At least 1 day.'), z.maximum(usageRetentionDays, `At most ${usageRetentionDays} days: older usage is not kept.`)),
  ),
});
export type AdminUsageQuery = z.input<typeof adminUsageQuerySchema>;

export const topTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  environment: z.string(),
  status: z.enum(apiKeyStatuses),
  owner: apiKeySchema.shape.owner,
  /** Every call in the period: allowed, denied and rejected. */
  count: z.int(),
});
export type TopToken = z.infer<typeof topTokenSchema>;

/** The workspace's calls per UTC day (every day present, oldest first) and the busiest tokens of the period. */
export const adminUsageSchema = z.object({
  days: z.array(usageDaySchema),
  /** At most `topTokensShown`, busiest first. */
  top: z.array(topTokenSchema),
});
export type AdminUsage = z.infer<typeof adminUsageSchema>;
