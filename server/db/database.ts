import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
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

/** Embedded Postgres. `dataDir` undefined = in memory; `loadDataDir` starts from a dump (tests). */
export async function openPgliteDatabase(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  return wrapPglite(db);
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

export function openPgDatabase(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString });
  // An idle connection the server ends (a restart, a failover, an admin's pg_terminate_backend) is an
  // 'error' event on the pool; unheard, it crashes the process. The pool drops that connection and
  // opens a new one on the next query. The message only: the error carries the connection settings.
  // (Found by the Postgres test run: DROP DATABASE … WITH (FORCE) after a test file killed the runner.)
  pool.on('error', (error) => console.warn(`Postgres closed an idle connection: ${error.message}`));
  const queryable = (client: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params).catch(rejectUnstorableText)).rows as T[],
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
