import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'keyline-lock-')), 'data');

test('the lock file names its owner and is removed on release', () => {
  const dir = freshDir();
  const lock = acquireDataDirLock(dir);
  expect(readFileSync(join(dir, 'keyline.lock'), 'utf8')).toBe(String(process.pid));
  lock.release();
  expect(existsSync(join(dir, 'keyline.lock'))).toBe(false);
});

test('a second taker is refused while the owner lives, with a clear message', () => {
  const dir = freshDir();
  const lock = acquireDataDirLock(dir);
  // The parent process stands in for "another live Keyline process".
  writeFileSync(join(dir, 'keyline.lock'), String(process.ppid));
  expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
  expect(() => acquireDataDirLock(dir)).toThrow(`Another Keyline process (pid ${process.ppid}) is using ${dir}`);
  // Not ours any more, so release leaves it alone.
  lock.release();
  expect(existsSync(join(dir, 'keyline.lock'))).toBe(true);
});

test('a lock left by a dead process is taken over', () => {
  const dir = freshDir();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  acquireDataDirLock(dir).release();
  writeFileSync(join(dir, 'keyline.lock'), dead.stdout.toString());
  const lock = acquireDataDirLock(dir);
  expect(readFileSync(join(dir, 'keyline.lock'), 'utf8')).toBe(String(process.pid));
  lock.release();
});

test('opening a locked PGlite data directory fails before touching it', async () => {
  const { openConfiguredDatabase } = await import('./open-database');
  const dir = freshDir();
  const lock = acquireDataDirLock(dir);
  writeFileSync(join(dir, 'keyline.lock'), String(process.ppid));
  await expect(openConfiguredDatabase({ dataDir: dir, databaseUrl: undefined })).rejects.toThrow(DataDirLockedError);
  expect(existsSync(join(dir, 'pgdata'))).toBe(false);
  lock.release();
});
