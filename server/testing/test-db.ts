import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openPgDatabase, openPgliteDatabase, type Database } from '../db/database';

/**
 * The database of one test file: an in-memory PGlite loaded from the migrated template (about a
 * second, no initdb) or, when DATABASE_URL names a Postgres server, a fresh database copied from
 * the migrated template database there (`CREATE DATABASE … TEMPLATE …`), dropped again on close.
 */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const template = await readFile(inject('pgTemplatePath'));
    return openPgliteDatabase({ loadDataDir: new Blob([template]) });
  }
  const { url, drop } = await createServerTestDatabase(serverUrl);
  const db = await openPgDatabase(url);
  return {
    ...db,
    close: async () => {
      await db.close();
      await drop();
    },
  };
}

/** A new database on the server, copied from the template; for tests that open several pools on one database. */
export async function createServerTestDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `keyline_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplateDatabase')}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a test that failed half-way may still hold connections.
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** One statement on the server's maintenance database (CREATE/DROP DATABASE cannot run in a pool transaction). */
export async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Empties every table but the migration record, including tables added by later migrations
 * (rate limit counters, …), so a new table cannot leak state from one test into the next.
 */
export async function truncateAll(db: Database): Promise<void> {
  const tables = await db.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY tablename`,
  );
  if (tables.length === 0) return;
  try {
    // DELETE, not TRUNCATE: a test leaves a few rows, and TRUNCATE gives every table new files, about
    // 100 ms a test on PGlite against 13 ms. Replica mode (local to the transaction) skips foreign-key
    // checks and triggers, so the order does not matter and the tallies are emptied like the rest.
    await db.exec(`BEGIN; SET LOCAL session_replication_role = replica; ${tables.map((t) => `DELETE FROM ${t.name};`).join(' ')} COMMIT;`);
  } catch {
    // A server role that may not set it (not a superuser): the slower way.
    await db.exec(`ROLLBACK; TRUNCATE ${tables.map((t) => t.name).join(', ')} CASCADE`);
  }
}
