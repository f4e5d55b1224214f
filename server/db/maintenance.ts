import { usageRetentionDays } from '../../src/contract/usage';
import type { Queryable } from './database';

// The tables whose plans and counts matter at scale; fixed names, so they may be written into the SQL.
const maintainedTables = ['api_keys', 'api_key_events'];

/**
 * PGlite runs no autovacuum. A table that grew since its last VACUUM/ANALYZE (tokens imported at once,
 * months of use) then has no statistics for the planner and no visibility map, so a count reads every
 * row instead of an index. This does what autovacuum would for the tables that matter: the check is
 * cheap (the page count pg_class kept at the last VACUUM/ANALYZE against the current size), and VACUUM
 * ANALYZE runs only for a table that grew by a fifth, autovacuum's default scale factor. Returns the
 * tables it vacuumed. Not needed with a Postgres server, whose autovacuum does this.
 */
export async function vacuumGrownTables(db: Queryable): Promise<string[]> {
  const tables = await db.query<{ name: string; recorded: number; current: number }>(
    `SELECT c.relname AS name, c.relpages AS recorded,
            (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS current
       FROM pg_class c
      WHERE c.relname = ANY($1::text[]) AND c.relkind = 'r'`,
    [maintainedTables],
  );
  const grown = tables.filter((table) => table.current > Math.max(table.recorded, 0) * 1.2 + 8);
  for (const { name } of grown) await db.exec(`VACUUM (ANALYZE) ${name}`);
  return grown.map((table) => table.name);
}

/**
 * What every database needs now and then, a Postgres server as much as PGlite: token usage older than
 * its retention is forgotten (hours counted, and clients not seen since). Returns the rows removed.
 */
export async function forgetExpiredUsage(db: Queryable, now: Date): Promise<number> {
  const before = new Date(now.getTime() - usageRetentionDays * 24 * 60 * 60 * 1000);
  const counts = await db.query('DELETE FROM api_key_usage WHERE hour < $1 RETURNING 1', [before]);
  const clients = await db.query('DELETE FROM api_key_usage_clients WHERE last_at < $1 RETURNING 1', [before]);
  return counts.length + clients.length;
}
