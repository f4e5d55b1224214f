import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPglite, openPgDatabase, wrapPglite } from '../db/database';
import { migrate, migrations } from '../db/migrations';
import { onServer } from './test-db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a migrated, empty database: each test file starts from it instead of running initdb. */
    pgTemplatePath: string;
    /** With DATABASE_URL: the migrated, empty database on that server each test file copies. */
    pgTemplateDatabase: string;
  }
}

const cacheDir = join(process.cwd(), 'node_modules', '.cache', 'keyline-server-tests');

/**
 * initdb takes seconds, so it runs once: the migrated template is dumped to a file (cached across
 * runs, keyed by the migrations and the PGlite build) that every test file loads in about a second.
 * With DATABASE_URL the same happens on the Postgres server: one migrated template database per
 * migrations version, which every test file copies into a database of its own.
 */
export async function setup(project: TestProject) {
  const migrationsKey = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  const serverUrl = process.env.DATABASE_URL;
  project.provide('pgTemplateDatabase', serverUrl ? await serverTemplate(serverUrl, `keyline_template_${migrationsKey}`) : '');
  // Made (or taken from the cache) even on a server run: tests of the embedded database itself still need it.
  const pglitePackage = await readFile(join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'));
  const key = createHash('sha256').update(pglitePackage).update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  const path = join(cacheDir, `template-${key}.tar`);
  if (!existsSync(path)) {
    const pglite = await createPglite();
    await migrate(wrapPglite(pglite));
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    await mkdir(cacheDir, { recursive: true });
    // Write then rename, so a concurrent run never reads half a file.
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, path);
  }
  project.provide('pgTemplatePath', path);
}

/** Creates and migrates the template database unless a previous run left a complete one. */
async function serverTemplate(serverUrl: string, name: string): Promise<string> {
  const admin = await openPgDatabase(serverUrl);
  try {
    const [found] = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found) return name;
    // A half-made template (a run killed while migrating) is started over.
    await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name}_partial WITH (FORCE)`);
    await onServer(serverUrl, `CREATE DATABASE ${name}_partial`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}_partial`;
    const template = await openPgDatabase(url.toString());
    try {
      await migrate(template);
    } finally {
      await template.close();
    }
    // Renamed only once migrated: a name without the suffix is always a complete template.
    await onServer(serverUrl, `ALTER DATABASE ${name}_partial RENAME TO ${name}`);
    return name;
  } finally {
    await admin.close();
  }
}
