import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadHmacSecret, readSettings } from '../settings';
import { openConfiguredDatabase } from './open-database';

// Password hashes, token digests and the HMAC key live here: nobody but the owner may read any of it.
const freshDir = () => join(mkdtempSync(join(tmpdir(), 'keyline-perms-')), 'data');

/** Every path under `dir` (itself included) whose permission bits are not 0700 for a directory, 0600 for a file. */
function tooOpen(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    const mode = stat.mode & 0o777;
    if (stat.isDirectory()) {
      if (mode !== 0o700) found.push(`${path} ${mode.toString(8)}`);
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (mode !== 0o600) found.push(`${path} ${mode.toString(8)}`);
  };
  visit(dir);
  return found;
}

const start = async (dataDir: string) => {
  const db = await openConfiguredDatabase({ dataDir, databaseUrl: undefined });
  loadHmacSecret(readSettings({ KEYLINE_DATA_DIR: dataDir }));
  await db.close();
};

// One test, so PGlite starts twice rather than three times (it is slow on a busy machine).
test.skipIf(process.platform === 'win32')(
  'a new data directory is the owner’s alone, and one made readable by everyone is closed at start',
  async () => {
    const dir = freshDir();
    await start(dir);
    expect(tooOpen(dir), 'fresh').toEqual([]);

    // As earlier versions left it: 0755 directories, 0644 files.
    const open = (path: string) => {
      const stat = lstatSync(path);
      chmodSync(path, stat.isDirectory() ? 0o755 : 0o644);
      if (stat.isDirectory()) for (const entry of readdirSync(path)) open(join(path, entry));
    };
    open(dir);
    mkdirSync(join(dir, 'backup'), { mode: 0o755 });
    writeFileSync(join(dir, 'backup', 'notes.txt'), 'x', { mode: 0o644 });
    expect(tooOpen(dir)).not.toEqual([]);
    await start(dir);
    expect(tooOpen(dir), 'pre-existing').toEqual([]);
  },
  120_000,
);
