import { mkdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import { ApiError } from '../errors';

/** The little the repositories need from Postgres; the same SQL runs on PGlite and on a server. */
export interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Hears the text of every statement that may have changed data, once it has run (and again once its transaction has ended). */
export type WriteListener = (sql: string) => void;

/** A database whose writes can be heard: what lets this process keep answers in memory while it is the database's only user. */
export interface ObservedDatabase extends Database {
  onWrite(listener: WriteListener): void;
}

// One SELECT and nothing after it. Anything else (WITH … UPDATE, a leading comment, two statements)
// counts as a possible write: hearing too much only costs a cache refill, missing one would serve stale data.
const plainSelect = /^\s*SELECT\b[^;]*;?\s*$/i;

/**
 * Wraps `db` so that listeners hear every statement that may write, after it has run — and, for
 * statements in a transaction, again after the transaction has committed or rolled back, so a
 * reader that raced the transaction cannot keep what it read before the commit.
 * Only writes made through the returned object are heard: it is meant for a process that is its
 * database's only user (PGlite, under the data-dir lock). `createApp` wraps its database once and
 * its in-memory answers (credential cache, rate-limit counts) subscribe to that one wrapper.
 * Idempotent: whoever also writes outside the app (tests, the benchmark) wraps first and hands
 * createApp the same object, so the app hears those writes too.
 */
export function observeWrites(db: Database): ObservedDatabase {
  if (isObserved(db)) return db;
  const listeners: WriteListener[] = [];
  const notify = (sql: string) => {
    for (const listener of listeners) listener(sql);
  };
  const observed = (q: Queryable, written: string[] | null): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => {
      if (plainSelect.test(sql)) return q.query<T>(sql, params);
      try {
        return await q.query<T>(sql, params);
      } finally {
        written?.push(sql);
        notify(sql);
      }
    },
    exec: async (sql) => {
      try {
        await q.exec(sql);
      } finally {
        written?.push(sql);
        notify(sql);
      }
    },
  });
  const top = observed(db, null);
  return {
    query: top.query,
    exec: top.exec,
    transaction: async (fn) => {
      const written: string[] = [];
      try {
        return await db.transaction((tx) => fn(observed(tx, written)));
      } finally {
        for (const sql of written) notify(sql);
      }
    },
    close: () => db.close(),
    onWrite: (listener) => {
      listeners.push(listener);
    },
  };
}

const isObserved = (db: Database): db is ObservedDatabase => typeof (db as Partial<ObservedDatabase>).onWrite === 'function';

/** SQLSTATE of a unique violation, and the constraint name when the driver reports it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return false;
  return constraint === undefined || violated === undefined || violated === constraint;
}

/**
 * Postgres cannot store a NUL character in text or jsonb (SQLSTATE 22021, 22P05). Such a value can only
 * come from a client (a path id, a name, a query), so it is the client's error: 400, never a 500.
 * Found by the fuzz tests (e.g. `GET /api/api-keys/%00/events` answered 500), on PGlite and on a Postgres server alike.
 */
function rejectUnstorableText(error: unknown): never {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === '22021' || code === '22P05') {
    throw new ApiError(400, 'invalid_request_error', 'The request contains a character that cannot be stored (NUL).');
  }
  throw error;
}

/**
 * How Keyline starts embedded Postgres, everywhere it does (the server, the test template, the bench):
 * - PGlite's own parameters with 32 MB of shared buffers instead of Postgres's 128 MB. PGlite fills that
 *   memory at every start, about 0.4 s of a cold start on this kind of machine, and one process alone
 *   needs less: at 100,000 tokens the admin list and summary measured the same with either (bench), and
 *   the server's resident memory fell by about 160 MiB.
 * - V8 moves PGlite's hot WebAssembly functions to optimized code after ten times the default execution
 *   budget (`--wasm-tiering-budget`, 1.8 M by default). With the default, a start compiled dozens of
 *   Postgres functions on the two cores while it booted and answered its first request, and the first
 *   answer waited behind them. Start to first answer on a 10,000-token data dir, interleaved runs:
 *   1,591 → 1,425 ms median with a 100 M budget, 1,865 → 1,562 with 10 M (4 rounds, a busier spell);
 *   the admin list's 200 requests after the first 50 took the same time with 10 M as with the default
 *   (1,482–1,762 vs 1,478–1,776 ms), and 8% longer with 100 M. Turning tier-up off instead was slower
 *   (1,665 ms): Postgres needs its optimized code, just not all of it during the start.
 */
const pgliteStartParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];
const wasmTieringBudget = 10_000_000;

export async function createPglite(options: Pick<PGliteOptions, 'dataDir' | 'loadDataDir'> = {}): Promise<PGlite> {
  // Process-wide, read when PGlite's module is compiled: before the first PGlite of the process.
  setFlagsFromString(`--wasm-tiering-budget=${wasmTieringBudget}`);
  return PGlite.create({ ...options, startParams: pgliteStartParams });
}

/** Embedded Postgres. `dataDir` undefined = in memory; `loadDataDir` starts from a dump (tests). */
export async function openPgliteDatabase(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  return wrapPglite(await createPglite(options));
}

export function wrapPglite(db: PGlite): Database {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params).catch(rejectUnstorableText)).rows,
    exec: async (sql) => {
      await db.exec(sql).catch(rejectUnstorableText);
    },
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params).catch(rejectUnstorableText)).rows,
          exec: async (sql) => {
            await tx.exec(sql).catch(rejectUnstorableText);
          },
        }),
      ),
    close: () => db.close(),
  };
}

/**
 * Statements a database server should plan once per connection rather than on every call: the bearer
 * check's lookup took longer to plan (its union, joins and the rate-limit count: ≈ 3 ms) than to run.
 * Keyed by the exact text, which only says which statements are prepared, never what they mean.
 */
const preparedNames = new Map<string, string>();

/** Marks `sql` (a fixed text; values go in parameters) as prepared on a database server; PGlite ignores it. */
export function prepared(sql: string): string {
  if (!preparedNames.has(sql)) preparedNames.set(sql, `keyline_prepared_${preparedNames.size + 1}`);
  return sql;
}

/**
 * A pool on a Postgres server. `pg` is loaded here, not at start: an embedded-database server never needs
 * it, and its ~100 ms of module evaluation came before the embedded database could start opening.
 */
export async function openPgDatabase(connectionString: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString });
  // An idle connection the server ends (a restart, a failover, an admin's pg_terminate_backend) is an
  // 'error' event on the pool; unheard, it crashes the process. The pool drops that connection and
  // opens a new one on the next query. The message only: the error carries the connection settings.
  // (Found by the Postgres test run: DROP DATABASE … WITH (FORCE) after a test file killed the runner.)
  pool.on('error', (error) => console.warn(`Postgres closed an idle connection: ${error.message}`));
  const queryable = (client: Pool | PoolClient): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => {
      const name = preparedNames.get(sql);
      const result = await (name ? client.query({ name, text: sql, values: params }) : client.query(sql, params)).catch(rejectUnstorableText);
      return result.rows as T[];
    },
    exec: async (sql) => {
      await client.query(sql).catch(rejectUnstorableText);
    },
  });
  return {
    ...queryable(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
