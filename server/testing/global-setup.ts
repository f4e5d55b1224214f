import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { wrapPglite } from '../db/database';
import { migrate, migrations } from '../db/migrations';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a migrated, empty database: each test file starts from it instead of running initdb. */
    pgTemplatePath: string;
  }
}

const cacheDir = join(process.cwd(), 'node_modules', '.cache', 'keyline-server-tests');

/**
 * initdb takes seconds, so it runs once: the migrated template is dumped to a file (cached across
 * runs, keyed by the migrations and the PGlite build) that every test file loads in about a second.
 */
export async function setup(project: TestProject) {
  const pglitePackage = await readFile(join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'));
  const key = createHash('sha256').update(pglitePackage).update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  const path = join(cacheDir, `template-${key}.tar`);
  if (!existsSync(path)) {
    const pglite = await PGlite.create();
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
