import { z } from 'zod/mini';
import { scopesGrantedBy } from './introspection';
import { clientKindSchema } from './lifecycle';
import { timestampSchema } from './timestamp';

/**
 * Token usage: calls per token, hour and scope, split by outcome — a success, a denial (an introspection
 * whose `required_scope` the token lacks) or a rejection (a revoked or expired secret). Bearer calls to
 * this API (`GET /api/auth/me` and the like) need no scope: they count as successes with no scope, so
 * they show in the totals but never as the use of a scope.
 */

export const usageOutcomes = ['success', 'denied', 'rejected'] as const;
export type UsageOutcomeName = (typeof usageOutcomes)[number];

export const usageOutcomeLabels: Record<UsageOutcomeName, string> = {
  success: 'Allowed',
  denied: 'Denied (missing scope)',
  rejected: 'Rejected (revoked or expired)',
};

/** Days on the token's chart, in the lists' sparklines, and a scope's quiet time before it is suggested for removal. */
export const usageChartDays = 30;
export const sparklineDays = 14;
export const unusedScopeDays = 30;
/** How long usage is kept (the server prunes older hours). */
export const usageRetentionDays = 90;

const dayMs = 24 * 60 * 60 * 1000;

export const usageDaySchema = z.object({
  /** The UTC day, `YYYY-MM-DD`. */
  day: z.string(),
  success: z.int(),
  denied: z.int(),
  rejected: z.int(),
});
export type UsageDay = z.infer<typeof usageDaySchema>;

export const scopeUseSchema = z.object({
  /** Null: calls that asked for no scope. */
  scope: z.nullable(z.string()),
  count: z.int(),
  lastUsedAt: timestampSchema,
});
export type ScopeUse = z.infer<typeof scopeUseSchema>;

export const usageClientSchema = z.object({
  /** `bearer`: the token was sent to this API; `introspection`: a resource server asked about it (the address is the server's). */
  via: z.enum(['bearer', 'introspection']),
  ip: z.nullable(z.string()),
  userAgent: z.nullable(z.string()),
  client: z.nullable(clientKindSchema),
  count: z.int(),
  lastSeenAt: timestampSchema,
});
export type UsageClient = z.infer<typeof usageClientSchema>;

export const unusedScopeSchema = z.object({ scope: z.string(), neverUsed: z.boolean() });
export type UnusedScope = z.infer<typeof unusedScopeSchema>;

/** `GET /api/api-keys/:id/usage`: the token's page. */
export const tokenUsageSchema = z.object({
  /** The last `usageChartDays` UTC days, oldest first, every day present. */
  days: z.array(usageDaySchema),
  scopes: z.array(scopeUseSchema),
  clients: z.array(usageClientSchema),
  /** Scopes held `unusedScopeDays` or more without a single use: what "shrink to the scopes it uses" offers to remove. */
  unusedScopes: z.array(unusedScopeSchema),
  /**
   * Whether the caller may take scopes away now: the server's word (the token is active and the caller
   * may act on it), so the page offers "Remove" to exactly those the narrow call accepts.
   */
  mayNarrow: z.boolean(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

/** `GET /api/usage/daily?ids=…`: one sparkline per token (calls per day, oldest first), only for tokens the caller may see. */
export const dailyUsageQuerySchema = z.strictObject({
  ids: z.string().check(z.maxLength(4000, 'Too many tokens.')),
});
export const dailyUsageListSchema = z.object({
  /** Per token id, calls per day (every outcome), the last `sparklineDays` UTC days, oldest first. */
  data: z.record(z.string(), z.array(z.int())),
  /** Of those calls, the denials (missing scope) and the rejections (revoked or expired secret), per day, for the same ids. */
  denied: z.record(z.string(), z.array(z.int())),
  rejected: z.record(z.string(), z.array(z.int())),
});
export type DailyUsageList = z.infer<typeof dailyUsageListSchema>;
/** At most one page of a list. */
export const maxSparklineIds = 100;

/** `POST /api/api-keys/:id/narrow`: scopes to take away. Only ever removes: there is nothing here that could add one. */
export const narrowScopesRequestSchema = z.strictObject({
  remove: z.array(z.string().check(z.maxLength(64))).check(z.minLength(1, 'Choose a scope to remove.'), z.maxLength(64, 'Too many scopes.')),
});
export type NarrowScopesRequest = z.infer<typeof narrowScopesRequestSchema>;

export const narrowScopesMessages = {
  notHeld: 'The token does not hold this scope.',
  lastScope: 'A token keeps at least one scope: revoke it instead.',
  notActive: 'Only an active token’s scopes can be narrowed.',
} as const;

/** `YYYY-MM-DD` of the UTC day `date` falls on. */
export const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/** The last `count` UTC days up to and including today, oldest first. */
export function lastDays(now: Date, count: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, i) => utcDay(new Date(today - (count - 1 - i) * dayMs)));
}

/** The start of the oldest of the last `count` days. */
export const firstOfLastDays = (now: Date, count: number) => new Date(`${lastDays(now, count)[0]}T00:00:00.000Z`);

/**
 * The scopes to suggest removing: held for `unusedScopeDays` or more (every scope is held since the
 * token was created: scopes are only ever narrowed) without a use. A use counts for the held scope it
 * names, or else for the held `write:x` that granted a `read:x`. `neverUsed`: the token is younger than
 * the usage kept, so no use at all was seen; otherwise none in the last `usageRetentionDays`.
 */
export function unusedScopesOf(
  token: { scopes: readonly string[]; createdAt: string },
  usedScopes: readonly (string | null)[],
  now: Date,
): UnusedScope[] {
  const heldMs = now.getTime() - new Date(token.createdAt).getTime();
  if (heldMs < unusedScopeDays * dayMs) return [];
  const used = heldScopesUsed(token.scopes, usedScopes);
  return token.scopes.filter((held) => !used.has(held)).map((scope) => ({ scope, neverUsed: heldMs < usageRetentionDays * dayMs }));
}

/** Of the `held` scopes, those with a use: a use counts for the held scope it names, or else for the held `write:x` that granted a `read:x`. */
export function heldScopesUsed(held: readonly string[], usedScopes: readonly (string | null)[]): Set<string> {
  const used = new Set<string>();
  for (const scope of usedScopes) {
    if (scope === null) continue;
    if (held.includes(scope)) used.add(scope);
    else {
      const granting = held.find((candidate) => scopesGrantedBy(candidate).includes(scope));
      if (granting) used.add(granting);
    }
  }
  return used;
}

/** "remove `write:deployments` (never used)" */
export const unusedScopeNote = (unused: UnusedScope) => (unused.neverUsed ? 'never used' : `not used in ${usageRetentionDays} days`);

/**
 * The scopes left after removing `remove` from `held`, in their order — or why not. Only ever a subset
 * of `held`: nothing here can add a scope. Removing `write:x` leaves a held `read:x` in place.
 */
export function narrowedScopes(
  held: readonly string[],
  remove: readonly string[],
): { ok: true; scopes: string[] } | { ok: false; message: string } {
  if (remove.some((scope) => !held.includes(scope))) return { ok: false, message: narrowScopesMessages.notHeld };
  const scopes = held.filter((scope) => !remove.includes(scope));
  if (scopes.length === 0) return { ok: false, message: narrowScopesMessages.lastScope };
  return { ok: true, scopes };
}

/** An empty usage: every chart day at zero. */
export function emptyTokenUsage(now: Date): TokenUsage {
  return { days: lastDays(now, usageChartDays).map((day) => ({ day, success: 0, denied: 0, rejected: 0 })), scopes: [], clients: [], unusedScopes: [], mayNarrow: false };
}
