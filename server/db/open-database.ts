import type { Settings } from '../settings';
import { restrictDataDir } from './data-dir';
import { acquireDataDirLock } from './data-dir-lock';
import { openPgDatabase, openPgliteDatabase, type Database } from './database';
import { migrate } from './migrations';
import { join } from 'node:path';

/**
 * Whether the configured database is this process's alone: PGlite, whose data-dir lock keeps every
 * other process out — unlike a Postgres server, which other instances may share (no state in memory then).
 */
export const databaseIsExclusive = (settings: Pick<Settings, 'databaseUrl'>) => !settings.databaseUrl;

/** The database the settings name, migrated; for PGlite, with the data-dir lock held until close. */
export async function openConfiguredDatabase(settings: Pick<Settings, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (settings.databaseUrl) {
    const db = await openPgDatabase(settings.databaseUrl);
    await migrate(db);
    return db;
  }
  const lock = acquireDataDirLock(settings.dataDir);
  try {
    restrictDataDir(settings.dataDir);
    const db = await openPgliteDatabase({ dataDir: join(settings.dataDir, 'pgdata') });
    await migrate(db);
    restrictDataDir(settings.dataDir);
    return {
      ...db,
      close: async () => {
        try {
          await db.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
