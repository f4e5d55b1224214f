import type { ApiKey } from '../../src/contract/tokens';
import { apiKeyColumns, apiKeyTables, toApiKey, type ApiKeyRow } from './api-keys';
import type { Queryable } from './database';
import type { DailyUsage } from './usage';

/*
 * The workspace's usage for the admin review: every token's calls added up, per day and per token.
 * Both read the hour index of `api_key_usage` over the period only, whatever the number of tokens.
 */

/** Calls per UTC day since `from`, every token together. Days without calls are absent. */
export async function workspaceDailyUsage(db: Queryable, from: Date): Promise<Omit<DailyUsage, 'apiKeyId'>[]> {
  const rows = await db.query<{ day: string; success: string | null; denied: string | null; rejected: string | null }>(
    `SELECT to_char(date_trunc('day', hour AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
            sum(count) FILTER (WHERE outcome = 'success') AS success,
            sum(count) FILTER (WHERE outcome = 'denied') AS denied,
            sum(count) FILTER (WHERE outcome = 'rejected') AS rejected
       FROM api_key_usage
      WHERE hour >= $1
      GROUP BY day`,
    [from],
  );
  return rows.map((row) => ({ day: row.day, success: Number(row.success ?? 0), denied: Number(row.denied ?? 0), rejected: Number(row.rejected ?? 0) }));
}

/** The `limit` tokens with the most calls since `from` (ties by id), with their calls: one query, the tokens joined once. */
export async function busiestTokens(db: Queryable, from: Date, limit: number, now: Date): Promise<{ apiKey: ApiKey; count: number }[]> {
  const rows = await db.query<ApiKeyRow & { calls: string }>(
    `WITH busiest AS (
       SELECT api_key_id, sum(count) AS calls FROM api_key_usage WHERE hour >= $1
        GROUP BY api_key_id ORDER BY calls DESC, api_key_id LIMIT $2
     )
     SELECT ${apiKeyColumns}, busiest.calls
       FROM busiest, ${apiKeyTables}
      WHERE k.id = busiest.api_key_id
      ORDER BY busiest.calls DESC, k.id`,
    [from, limit],
  );
  return rows.map((row) => ({ apiKey: toApiKey(row, now), count: Number(row.calls) }));
}
