import type { AdminApiKeyCounts, AdminApiKeyFilter, AdminApiKeyListQuery, AdminApiKeySummary } from '../../src/contract/admin';
import { scopesGrantedBy } from '../../src/contract/introspection';
import type { ApiKey } from '../../src/contract/tokens';
import { unusedScopeDays } from '../../src/contract/usage';
import { apiKeyColumns, apiKeyTables, escapeLike, toApiKey, type ApiKeyRow } from './api-keys';
import type { Database, Queryable } from './database';
import { isCursorId, isTimestampKey } from './keyset-cursor';

/*
 * The admin review across every owner. Kept apart from `api-keys.ts` (whose every query is scoped to
 * one owner) so that an owner-less query can only ever be reached through the admin routes.
 */

type Row = ApiKeyRow & {
  /** The sort key as Postgres prints it: exact to the microsecond, and `infinity` survives. */
  sort_key: string;
};

/** Builds a WHERE clause with numbered parameters; only fixed SQL text, never user input, is concatenated. */
class Where {
  readonly parts: string[] = [];
  constructor(readonly params: unknown[] = []) {}
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  add(sql: string) {
    this.parts.push(sql);
  }
  toSql() {
    return this.parts.length > 0 ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

const dayMs = 86_400_000;

/**
 * Which asked-for scope counts as a use of which held one, besides the scope itself (`write:x` grants
 * `read:x`): pairs drawn from the catalog by the contract's rule, so the SQL only looks them up.
 */
export type ScopeGrants = { held: string[]; asked: string[] };

export function scopeGrantsOf(catalog: readonly string[]): ScopeGrants {
  const grants: ScopeGrants = { held: [], asked: [] };
  for (const held of catalog) {
    for (const asked of scopesGrantedBy(held)) {
      if (asked === held) continue;
      grants.held.push(held);
      grants.asked.push(asked);
    }
  }
  return grants;
}

const noGrants: ScopeGrants = { held: [], asked: [] };

// "Unused for N days": the last use, or the creation if never used, is older than N days.
const lastActivity = 'COALESCE(k.last_used_at, k.created_at)';

/**
 * The quick-view filters as SQL conditions, with every instant computed here rather than per row
 * (`$now - interval '30 days'` is re-evaluated for each of 100,000 rows: most of a count's time).
 * A day is 24 hours, as in the MSW fake. Used both in WHERE (the page) and in FILTER (the summary).
 */
function viewConditions(where: Where, filter: AdminApiKeyFilter, now: Date, grants: ScopeGrants): string[] {
  const conditions: string[] = [];
  // Added on first use only: Postgres cannot type a parameter that no clause mentions.
  let nowSql: string | undefined;
  const nowParam = () => (nowSql ??= `${where.param(now)}::timestamptz`);
  const active = () => `k.revoked_at IS NULL AND k.expires_at > ${nowParam()}`;
  const status = filter.status ?? 'all';
  if (status === 'revoked') conditions.push('k.revoked_at IS NOT NULL');
  if (status === 'expired') conditions.push(`k.revoked_at IS NULL AND k.expires_at <= ${nowParam()}`);
  if (status === 'active') conditions.push(active());
  if (filter.neverUsed) conditions.push('k.last_used_at IS NULL');
  if (filter.unusedForDays !== undefined) {
    conditions.push(active());
    conditions.push(`${lastActivity} < ${where.param(new Date(now.getTime() - filter.unusedForDays * dayMs))}::timestamptz`);
  }
  if (filter.expiringWithinDays !== undefined) {
    conditions.push(active());
    conditions.push(`k.expires_at <= ${where.param(new Date(now.getTime() + filter.expiringWithinDays * dayMs))}::timestamptz`);
  }
  if (filter.overScoped) {
    // A held scope no successful call counted for (contract: `unusedScopesOf`), on a token holding it long enough.
    conditions.push(active());
    conditions.push(`k.created_at <= ${where.param(new Date(now.getTime() - unusedScopeDays * dayMs))}::timestamptz`);
    const grantHeld = `${where.param(grants.held)}::text[]`;
    const grantAsked = `${where.param(grants.asked)}::text[]`;
    conditions.push(`EXISTS (
      SELECT 1 FROM unnest(k.scopes) AS held(scope) WHERE NOT EXISTS (
        SELECT 1 FROM api_key_usage us CROSS JOIN LATERAL unnest(string_to_array(us.scope, ' ')) AS asked(scope)
         WHERE us.api_key_id = k.id AND us.outcome = 'success' AND us.scope <> ''
           AND (asked.scope = held.scope OR (NOT asked.scope = ANY(k.scopes)
                AND (held.scope, asked.scope) IN (SELECT * FROM unnest(${grantHeld}, ${grantAsked})))))
    )`);
  }
  return conditions;
}

/** The filters the quick-view counts stay within: owner, environment and name. */
function addScopeFilters(where: Where, filter: AdminApiKeyFilter) {
  // By owner id (usernames are unique ignoring case): no join with users for counting or locking, and
  // the owner-first indexes serve the page.
  if (filter.owner) where.add(`k.owner_id = (SELECT id FROM users WHERE lower(username) = lower(${where.param(filter.owner)}::text))`);
  if (filter.environment) where.add(`k.environment = ${where.param(filter.environment)}::text`);
  // Service accounts are the users with a service_accounts row: still no join with users.
  if (filter.ownerKind) {
    where.add(`${filter.ownerKind === 'person' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM service_accounts s WHERE s.user_id = k.owner_id)`);
  }
  if (filter.q) where.add(`k.name ILIKE '%' || ${where.param(escapeLike(filter.q))}::text || '%' ESCAPE '\\'`);
}

function addAllFilters(where: Where, filter: AdminApiKeyFilter, now: Date, grants: ScopeGrants) {
  addScopeFilters(where, filter);
  for (const condition of viewConditions(where, filter, now, grants)) where.add(condition);
}

export type Cursor = { key: string; id: string };

export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');


/** Null for anything that is not a cursor we made (the route answers 400). */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [key, id] = value as unknown[];
    if (typeof key !== 'string' || typeof id !== 'string' || !isCursorId(id)) return null;
    // What Postgres prints for a timestamptz (UTC session), or ±infinity: anything else never reaches SQL.
    if (!isTimestampKey(key, { infinity: true })) return null;
    return { key, id };
  } catch {
    return null;
  }
}

/** The sort expression; each one matches an index of migration 2 exactly, ending with id. */
function sortExpression(query: AdminApiKeyListQuery): { sql: string; direction: 'ASC' | 'DESC' } {
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  if (query.sort === 'createdAt') return { sql: 'k.created_at', direction };
  if (query.sort === 'expiresAt') return { sql: 'k.expires_at', direction };
  // Never used counts as the oldest use unless asked otherwise: first when ascending, last when descending.
  const nullsFirst = query.nullsFirst ?? direction === 'ASC';
  const nullAs = nullsFirst === (direction === 'ASC') ? '-infinity' : 'infinity';
  return { sql: `COALESCE(k.last_used_at, '${nullAs}'::timestamptz)`, direction };
}

/**
 * One page in keyset order: an index range scan that stops after `limit + 1` rows, so it costs the
 * same at 100 tokens or 100,000. The counts are `summarizeApiKeys`, a request of their own.
 */
export async function listAllApiKeys(
  db: Queryable,
  query: AdminApiKeyListQuery,
  cursor: Cursor | null,
  now: Date,
  grants: ScopeGrants = noGrants,
): Promise<{ data: ApiKey[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const sort = sortExpression(query);

  const page = new Where();
  addAllFilters(page, query, now, grants);
  if (cursor) {
    // Keyset: strictly after the last row of the previous page in (sort key, id) order.
    const comparison = sort.direction === 'ASC' ? '>' : '<';
    page.add(`(${sort.sql}, k.id) ${comparison} (${page.param(cursor.key)}::timestamptz, ${page.param(cursor.id)})`);
  }
  const rows = await db.query<Row>(
    `SELECT ${apiKeyColumns}, (${sort.sql})::text AS sort_key
     FROM ${apiKeyTables} ${page.toSql()}
     ORDER BY ${sort.sql} ${sort.direction}, k.id ${sort.direction}
     LIMIT ${page.param(limit + 1)}`,
    page.params,
  );
  const hasMore = rows.length > limit;
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    data: shown.map((row) => toApiKey(row, now)),
    nextCursor: hasMore && last ? encodeCursor({ key: last.sort_key, id: last.id }) : null,
  };
}

/**
 * Every number the review shows: from tallies kept by triggers when no filter narrows it but the
 * environment, else in one pass over the tokens within the owner, environment and name
 * filters: the matching total, its distinct owners and the quick-view counts. Grouping by owner first
 * counts owners with a hash table of one entry per owner, not a sort of every token's owner id. The quick-view
 * counts ignore the view filters on purpose (ADR 003), so `total` is the only FILTER that uses them.
 */
export async function summarizeApiKeys(
  db: Queryable,
  filter: AdminApiKeyFilter,
  now: Date,
  grants: ScopeGrants = noGrants,
): Promise<AdminApiKeySummary> {
  return fromTallies(filter) ? summarizeFromTallies(db, filter.environment, now) : summarizeByPass(db, filter, now, grants);
}

/** The summary as one pass over the tokens within the filters: exact for any filter, linear in the matches. */
export async function summarizeByPass(db: Queryable, filter: AdminApiKeyFilter, now: Date, grants: ScopeGrants = noGrants): Promise<AdminApiKeySummary> {
  const where = new Where();
  addScopeFilters(where, filter);
  const matching = viewConditions(where, filter, now, grants);
  const n = `${where.param(now)}::timestamptz`;
  const active = `k.revoked_at IS NULL AND k.expires_at > ${n}`;
  const before = (days: number) => `${where.param(new Date(now.getTime() - days * dayMs))}::timestamptz`;
  const after = (days: number) => `${where.param(new Date(now.getTime() + days * dayMs))}::timestamptz`;
  const [row] = await db.query<AdminApiKeyCounts & { total: number; owners: number }>(
    `SELECT COALESCE(sum(matching), 0)::int AS total,
            count(*) FILTER (WHERE matching > 0)::int AS owners,
            COALESCE(sum(never_used), 0)::int AS "neverUsed",
            COALESCE(sum(unused30), 0)::int AS "unused30",
            COALESCE(sum(unused90), 0)::int AS "unused90",
            COALESCE(sum(expiring7), 0)::int AS "expiring7",
            COALESCE(sum(expired), 0)::int AS "expired",
            COALESCE(sum(active), 0)::int AS "active",
            COALESCE(sum(every), 0)::int AS "all"
     FROM (
       SELECT k.owner_id,
              count(*) ${matching.length > 0 ? `FILTER (WHERE ${matching.join(' AND ')})` : ''} AS matching,
              count(*) FILTER (WHERE ${active} AND k.last_used_at IS NULL) AS never_used,
              count(*) FILTER (WHERE ${active} AND ${lastActivity} < ${before(30)}) AS unused30,
              count(*) FILTER (WHERE ${active} AND ${lastActivity} < ${before(90)}) AS unused90,
              count(*) FILTER (WHERE ${active} AND k.expires_at <= ${after(7)}) AS expiring7,
              count(*) FILTER (WHERE k.revoked_at IS NULL AND k.expires_at <= ${n}) AS expired,
              count(*) FILTER (WHERE ${active}) AS active,
              count(*) AS every
       FROM api_keys k ${where.toSql()}
       GROUP BY k.owner_id
     ) AS per_owner`,
    where.params,
  );
  // An aggregate without GROUP BY always returns its one row.
  const { total, owners, ...counts } = row!;
  return { total, owners, counts };
}

/**
 * The review's landing numbers (no filter, or only an environment) come from the tallies of migration 17:
 * other filters narrow to one owner (its index), a name (its trigram index) or a view, and keep the pass above.
 */
const fromTallies = (filter: AdminApiKeyFilter) =>
  !filter.owner &&
  !filter.ownerKind &&
  !filter.q &&
  (filter.status ?? 'all') === 'all' &&
  !filter.neverUsed &&
  !filter.overScoped &&
  filter.unusedForDays === undefined &&
  filter.expiringWithinDays === undefined;

/**
 * The same numbers as the pass over every token, read from the tallies kept by migration 17's triggers:
 * sums over a few thousand small rows plus range counts within one UTC day on partial indexes.
 *   live before X  = live tokens in expiry days before X's day + those from X's midnight to X
 *   unused since T = live active before T (activity days, then within T's day)
 *                    − the expired among them, which are those expired by T (a token is only used while
 *                      active and created before it expires, so its last activity precedes its expiry)
 *                      plus those expired between T and now whose last activity is before T.
 * server/db/admin-api-keys.test.ts compares it with the pass after random changes.
 */
async function summarizeFromTallies(db: Queryable, environment: string | undefined, now: Date): Promise<AdminApiKeySummary> {
  const params: unknown[] = [environment ?? null, now];
  const param = (value: unknown) => `$${params.push(value)}`;
  const inEnvironment = '($1::text IS NULL OR environment = $1::text)';
  const live = `revoked_at IS NULL AND ${inEnvironment}`;
  const activity = 'COALESCE(last_used_at, created_at)';
  /** The instant as a parameter, and its UTC day and midnight. */
  const instant = (at: Date) => {
    const midnight = new Date(Math.floor(at.getTime() / dayMs) * dayMs);
    return { at: `${param(at)}::timestamptz`, day: `${param(midnight.toISOString().slice(0, 10))}::date`, midnight: `${param(midnight)}::timestamptz` };
  };
  /** Live tokens expired at `x` (expires_at ≤ x), optionally only never-used ones. */
  const expiredAt = (x: ReturnType<typeof instant>, neverUsed = false) =>
    `(SELECT COALESCE(sum(n), 0) FROM api_key_expiry_tallies WHERE ${inEnvironment} AND day < ${x.day}${neverUsed ? ' AND never_used' : ''})
     + (SELECT count(*) FROM api_keys WHERE ${live} AND expires_at >= ${x.midnight} AND expires_at <= ${x.at}${neverUsed ? ' AND last_used_at IS NULL' : ''})`;
  /** Live tokens, active now, whose last activity is before `t`. */
  const unusedSince = (t: ReturnType<typeof instant>) =>
    `(SELECT COALESCE(sum(n), 0) FROM api_key_activity_tallies WHERE ${inEnvironment} AND day < ${t.day})
     + (SELECT count(*) FROM api_keys WHERE ${live} AND ${activity} >= ${t.midnight} AND ${activity} < ${t.at})
     - (${expiredAt(t)})
     - (SELECT count(*) FROM api_keys WHERE ${live} AND expires_at > ${t.at} AND expires_at <= $2::timestamptz AND ${activity} < ${t.at})`;
  const current = instant(now);
  const [row] = await db.query<{ every: number; live: number; owners: number; liveNeverUsed: number; expired: number; expiring7: number; neverUsedExpired: number; unused30: number; unused90: number }>(
    `SELECT (SELECT COALESCE(sum(every), 0) FROM api_key_owner_tallies WHERE ${inEnvironment})::int AS every,
            (SELECT COALESCE(sum(live), 0) FROM api_key_owner_tallies WHERE ${inEnvironment})::int AS live,
            (SELECT count(DISTINCT owner_id) FROM api_key_owner_tallies WHERE ${inEnvironment} AND every > 0)::int AS owners,
            (SELECT COALESCE(sum(n), 0) FROM api_key_expiry_tallies WHERE ${inEnvironment} AND never_used)::int AS "liveNeverUsed",
            (${expiredAt(current)})::int AS expired,
            (${expiredAt(instant(new Date(now.getTime() + 7 * dayMs)))})::int AS expiring7,
            (${expiredAt(current, true)})::int AS "neverUsedExpired",
            (${unusedSince(instant(new Date(now.getTime() - 30 * dayMs)))})::int AS unused30,
            (${unusedSince(instant(new Date(now.getTime() - 90 * dayMs)))})::int AS unused90`,
    params,
  );
  const r = row!;
  return {
    total: r.every,
    owners: r.owners,
    counts: {
      neverUsed: r.liveNeverUsed - r.neverUsedExpired,
      unused30: r.unused30,
      unused90: r.unused90,
      expiring7: r.expiring7 - r.expired,
      expired: r.expired,
      active: r.live - r.expired,
      all: r.every,
    },
  };
}

export type BulkRevokeResult = { ok: true; revoked: number } | { ok: false; reason: 'not_found' | 'changed' };

const revokeSet = `
  SET revoked_by = $2, revoked_at = $3, active_name = NULL`;

/** All or nothing: one unknown id and nothing is revoked. Already revoked ids are accepted and left as they were. */
export async function revokeApiKeysByIds(db: Database, ids: string[], revokedBy: string, now: Date): Promise<BulkRevokeResult> {
  const unique = [...new Set(ids)];
  return db.transaction(async (tx) => {
    // Lock the rows first so a concurrent revoke or rotate cannot slip in between the check and the update.
    const found = await tx.query<{ id: string }>('SELECT id FROM api_keys WHERE id = ANY($1::text[]) FOR UPDATE', [unique]);
    if (found.length !== unique.length) return { ok: false, reason: 'not_found' } as const;
    const revoked = await tx.query<{ id: string }>(
      `UPDATE api_keys ${revokeSet} WHERE id = ANY($1::text[]) AND revoked_at IS NULL RETURNING id`,
      [unique, revokedBy, now],
    );
    return { ok: true, revoked: revoked.length } as const;
  });
}

/**
 * "Select all N matching": revokes what the filter matches now, in one statement. With
 * `expectedTotal`, a set that changed since the admin looked (new or removed matches) revokes nothing.
 */
export async function revokeApiKeysByFilter(
  db: Database,
  filter: AdminApiKeyFilter,
  expectedTotal: number | undefined,
  revokedBy: string,
  now: Date,
  grants: ScopeGrants = noGrants,
): Promise<BulkRevokeResult> {
  return db.transaction(async (tx) => {
    const where = new Where();
    addAllFilters(where, filter, now, grants);
    const matching = await tx.query<{ id: string; revoked_at: Date | null }>(
      `SELECT k.id, k.revoked_at FROM api_keys k ${where.toSql()} ORDER BY k.id FOR UPDATE`,
      where.params,
    );
    if (expectedTotal !== undefined && matching.length !== expectedTotal) return { ok: false, reason: 'changed' } as const;
    const ids = matching.filter((row) => row.revoked_at === null).map((row) => row.id);
    if (ids.length === 0) return { ok: true, revoked: 0 } as const;
    const revoked = await tx.query<{ id: string }>(
      `UPDATE api_keys ${revokeSet} WHERE id = ANY($1::text[]) AND revoked_at IS NULL RETURNING id`,
      [ids, revokedBy, now],
    );
    return { ok: true, revoked: revoked.length } as const;
  });
}

/**
 * The scopes each token's successful calls asked for, over the usage kept: one query for a page of rows.
 * Calls that asked for none are left out; a token without any is absent.
 */
export async function askedScopesOf(db: Queryable, ids: readonly string[]): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ api_key_id: string; scopes: string[] }>(
    `SELECT us.api_key_id, array_agg(DISTINCT asked.scope) AS scopes
       FROM api_key_usage us CROSS JOIN LATERAL unnest(string_to_array(us.scope, ' ')) AS asked(scope)
      WHERE us.api_key_id = ANY($1::text[]) AND us.outcome = 'success' AND us.scope <> ''
      GROUP BY us.api_key_id`,
    [ids],
  );
  return new Map(rows.map((row) => [row.api_key_id, row.scopes]));
}

/** Tokens by id, anyone's (the review's bulk actions), in no particular order; unknown ids are absent. */
export async function findApiKeysByIds(db: Queryable, ids: readonly string[], now: Date): Promise<ApiKey[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<ApiKeyRow>(`SELECT ${apiKeyColumns} FROM ${apiKeyTables} WHERE k.id = ANY($1::text[])`, [ids]);
  return rows.map((row) => toApiKey(row, now));
}
