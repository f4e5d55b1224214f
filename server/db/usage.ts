import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from './database';
import { accessCondition, type TokenAccess } from './api-keys';

// Token usage counts: written in batches by the usage recorder (tokens/usage.ts), read for the charts,
// pruned by age. Counts are added to (count = count + n), never overwritten, so several instances
// flushing the same hour add up.

export type UsageOutcome = 'success' | 'denied' | 'rejected';

/** One counter: a token's calls in one hour with one outcome, asking for the same scopes (space-separated, sorted; '' for none). */
export type UsageCount = { apiKeyId: string; hour: Date; scope: string; outcome: UsageOutcome; count: number; lastAt: Date };

export type ClientCount = { apiKeyId: string; via: 'bearer' | 'introspection'; ip: string; userAgent: string; count: number; lastAt: Date };

const addUsageSql = `INSERT INTO api_key_usage (api_key_id, hour, scope, outcome, count, last_at)
  SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[])
  ON CONFLICT (api_key_id, hour, outcome, scope) DO UPDATE
    SET count = api_key_usage.count + EXCLUDED.count, last_at = greatest(api_key_usage.last_at, EXCLUDED.last_at)`;

const addClientsSql = `INSERT INTO api_key_usage_clients (api_key_id, via, ip, user_agent, count, last_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[])
  ON CONFLICT (api_key_id, via, ip, user_agent) DO UPDATE
    SET count = api_key_usage_clients.count + EXCLUDED.count, last_at = greatest(api_key_usage_clients.last_at, EXCLUDED.last_at)`;

/** Adds a batch of counts in one statement per table, whatever the number of tokens. */
export async function addUsage(db: Queryable, counts: readonly UsageCount[], clients: readonly ClientCount[]): Promise<void> {
  if (counts.length > 0) {
    await db.query(addUsageSql, [
      counts.map((c) => c.apiKeyId),
      counts.map((c) => c.hour),
      counts.map((c) => c.scope),
      counts.map((c) => c.outcome),
      counts.map((c) => c.count),
      counts.map((c) => c.lastAt),
    ]);
  }
  if (clients.length > 0) {
    await db.query(addClientsSql, [
      clients.map((c) => c.apiKeyId),
      clients.map((c) => c.via),
      clients.map((c) => c.ip),
      clients.map((c) => c.userAgent),
      clients.map((c) => c.count),
      clients.map((c) => c.lastAt),
    ]);
  }
}

export type DailyUsage = { apiKeyId: string; day: string; success: number; denied: number; rejected: number };

/**
 * Calls per token and UTC day since `from`, for many tokens at once (one query for a page of sparklines).
 * Days without calls are absent.
 */
export async function dailyUsage(db: Queryable, apiKeyIds: readonly string[], from: Date): Promise<DailyUsage[]> {
  if (apiKeyIds.length === 0) return [];
  const rows = await db.query<{ api_key_id: string; day: string; success: string; denied: string; rejected: string }>(
    `SELECT api_key_id, to_char(date_trunc('day', hour AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
            sum(count) FILTER (WHERE outcome = 'success') AS success,
            sum(count) FILTER (WHERE outcome = 'denied') AS denied,
            sum(count) FILTER (WHERE outcome = 'rejected') AS rejected
       FROM api_key_usage
      WHERE api_key_id = ANY($1::text[]) AND hour >= $2
      GROUP BY api_key_id, day`,
    [apiKeyIds, from],
  );
  return rows.map((row) => ({
    apiKeyId: row.api_key_id,
    day: row.day,
    success: Number(row.success ?? 0),
    denied: Number(row.denied ?? 0),
    rejected: Number(row.rejected ?? 0),
  }));
}

export type ScopeUse = { scope: string; count: number; lastAt: Date };

/** Successful calls per set of scopes asked for, over the retention period ('' for calls that asked for none). */
export async function scopeUses(db: Queryable, apiKeyId: string): Promise<ScopeUse[]> {
  const rows = await db.query<{ scope: string; count: string; last_at: Date }>(
    `SELECT scope, sum(count) AS count, max(last_at) AS last_at FROM api_key_usage
      WHERE api_key_id = $1 AND outcome = 'success' GROUP BY scope ORDER BY max(last_at) DESC`,
    [apiKeyId],
  );
  return rows.map((row) => ({ scope: row.scope, count: Number(row.count), lastAt: row.last_at }));
}

/** The clients a token was seen from, most recent first (at most `limit`). */
export async function clientsSeen(db: Queryable, apiKeyId: string, limit = 20): Promise<Omit<ClientCount, 'apiKeyId'>[]> {
  const rows = await db.query<{ via: ClientCount['via']; ip: string; user_agent: string; count: string; last_at: Date }>(
    `SELECT via, ip, user_agent, count, last_at FROM api_key_usage_clients
      WHERE api_key_id = $1 ORDER BY last_at DESC LIMIT $2`,
    [apiKeyId, limit],
  );
  return rows.map((row) => ({ via: row.via, ip: row.ip, userAgent: row.user_agent, count: Number(row.count), lastAt: row.last_at }));
}

/** Of `ids`, the tokens `access` reaches: the same rule as every token route. */
export async function visibleTokenIds(db: Queryable, ids: readonly string[], access: TokenAccess): Promise<string[]> {
  if (ids.length === 0) return [];
  const params: unknown[] = [ids];
  const rows = await db.query<{ id: string }>(`SELECT k.id FROM api_keys k WHERE k.id = ANY($1::text[]) AND ${accessCondition(access, params)}`, params);
  return rows.map((row) => row.id);
}

export type NarrowResult =
  | { ok: true }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_active' }
  | { ok: false; reason: 'refused'; message: string };

/**
 * Takes scopes away from a token in place (same secret, same expiry) and records who did it on the
 * timeline, under a row lock so two narrowings cannot interleave. `narrow` (the contract's rule) says
 * which scopes remain; whatever it answers, the stored scopes only keep those they already had.
 */
export async function narrowApiKeyScopes(
  db: Database,
  {
    id,
    access,
    actorId,
    remove,
    now,
    narrow,
  }: {
    id: string;
    /** Whose tokens the caller may act on, as for revoke. */
    access: TokenAccess;
    actorId: string;
    remove: readonly string[];
    now: Date;
    narrow: (held: string[]) => { ok: true; scopes: string[] } | { ok: false; message: string };
  },
): Promise<NarrowResult> {
  return db.transaction(async (tx) => {
    const params: unknown[] = [id];
    const [row] = await tx.query<{ scopes: string[]; revoked_at: Date | null; expires_at: Date }>(
      `SELECT k.scopes, k.revoked_at, k.expires_at FROM api_keys k WHERE k.id = $1 AND ${accessCondition(access, params)} FOR UPDATE`,
      params,
    );
    if (!row) return { ok: false, reason: 'not_found' };
    if (row.revoked_at || row.expires_at <= now) return { ok: false, reason: 'not_active' };
    const result = narrow(row.scopes);
    if (!result.ok) return { ok: false, reason: 'refused', message: result.message };
    // The intersection in SQL as well: a rule that answered a scope the token lacks still adds nothing.
    await tx.query(
      `UPDATE api_keys SET scopes = ARRAY(SELECT s FROM unnest(scopes) WITH ORDINALITY AS t(s, n) WHERE s = ANY($2::text[]) ORDER BY n)
        WHERE id = $1`,
      [id, result.scopes],
    );
    await tx.query(
      `INSERT INTO api_key_events (id, api_key_id, type, actor_id, at, scopes_removed) VALUES ($1, $2, 'scopes_narrowed', $3, $4, $5)`,
      [randomUUID(), id, actorId, now, remove],
    );
    return { ok: true };
  });
}
