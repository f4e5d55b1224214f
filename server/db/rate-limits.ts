import { createHash } from 'node:crypto';
import type { Queryable } from './database';

/** One fixed window of one counter: windows are aligned to multiples of their length since the epoch. */
export type RateWindow = { bucket: string; key: string; windowMs: number; now: Date };

export type WindowCount = { count: number; windowEnd: Date };

/**
 * Keys are stored hashed: the table then holds no usernames or IPs, and any client-sent text
 * (even a NUL, which Postgres cannot store) becomes a fixed-size value.
 */
const storedKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

function windowOf({ windowMs, now }: RateWindow) {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { start: new Date(start), end: new Date(start + windowMs) };
}

/**
 * The query for a window's count, with its parameters numbered from `first`: to be read on its own, or
 * as a scalar subquery of a statement that needs it anyway (a bearer call's lookup), saving a round trip.
 */
export function windowCountQuery(window: RateWindow, first = 1): { sql: string; params: unknown[]; windowEnd: Date } {
  const { start, end } = windowOf(window);
  return {
    sql: `SELECT count FROM rate_limit_counters WHERE bucket = $${first} AND key = $${first + 1} AND window_start = $${first + 2}`,
    params: [window.bucket, storedKey(window.key), start],
    windowEnd: end,
  };
}

/** How many hits the current window holds, without adding one. */
export async function countInWindow(db: Queryable, window: RateWindow): Promise<WindowCount> {
  const query = windowCountQuery(window);
  const [row] = await db.query<{ count: number }>(query.sql, query.params);
  return { count: row?.count ?? 0, windowEnd: query.windowEnd };
}

/** Adds one hit and returns the new count, atomically: concurrent instances never lose an increment. */
export async function addToWindow(db: Queryable, window: RateWindow): Promise<WindowCount> {
  const { start, end } = windowOf(window);
  const [row] = await db.query<{ count: number }>(
    `INSERT INTO rate_limit_counters (bucket, key, window_start, expires_at, count) VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (bucket, key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
     RETURNING count`,
    [window.bucket, storedKey(window.key), start, end],
  );
  const count = row?.count ?? 1;
  // Housekeeping when a window opens (rare next to increments): ended windows are of no use to anyone.
  if (count === 1) await db.query('DELETE FROM rate_limit_counters WHERE expires_at <= $1', [window.now]);
  return { count, windowEnd: end };
}
