import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { openPgliteDatabase, type Database } from '../db/database';

/** An in-memory PGlite started from the migrated template (about a second, no initdb). */
export async function openTestDatabase(): Promise<Database> {
  const template = await readFile(inject('pgTemplatePath'));
  return openPgliteDatabase({ loadDataDir: new Blob([template]) });
}

export async function truncateAll(db: Database): Promise<void> {
  await db.exec('TRUNCATE api_keys, sessions, users CASCADE');
}
