import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'keyline-lock-')), 'data');

const lockOwnerPid = (dir: string) => (JSON.parse(readFileSync(join(dir, 'keyline.lock'), 'utf8')) as { pid: number }).pid;
// Where /proc is missing the lock falls back to the pid alone, and these tests have nothing to check.
const withProc = existsSync('/proc/self/stat');

test('the lock file names its owner and is removed on release', () => {
  const dir = freshDir();
  const lock = acquireDataDirLock(dir);
  expect(lockOwnerPid(dir)).toBe(process.pid);
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
  expect(lockOwnerPid(dir)).toBe(process.pid);
  lock.release();
});

// In a container every start is pid 1: the lock a crashed run left behind names our own pid.
test.runIf(withProc)('a lock naming our own pid but another process start (a restarted container) is taken over', () => {
  const dir = freshDir();
  acquireDataDirLock(dir).release();
  const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  writeFileSync(join(dir, 'keyline.lock'), JSON.stringify({ pid: process.pid, started: `${bootId}/1` }));
  const lock = acquireDataDirLock(dir);
  expect(lockOwnerPid(dir)).toBe(process.pid);
  lock.release();
  expect(existsSync(join(dir, 'keyline.lock'))).toBe(false);
});

test('a lock from an earlier version (the bare pid) naming our own pid is taken over: this process never wrote one', () => {
  const dir = freshDir();
  acquireDataDirLock(dir).release();
  writeFileSync(join(dir, 'keyline.lock'), String(process.pid));
  acquireDataDirLock(dir).release();
});

test.runIf(withProc)('a lock left before a reboot is taken over even when its pid is alive again', () => {
  const dir = freshDir();
  acquireDataDirLock(dir).release();
  writeFileSync(join(dir, 'keyline.lock'), JSON.stringify({ pid: process.ppid, started: 'another-boot/12345' }));
  acquireDataDirLock(dir).release();
});

test.runIf(withProc)('a live process is told apart from a newer one that reuses its pid', async () => {
  const dir = freshDir();
  acquireDataDirLock(dir).release();
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
  try {
    const pid = other.pid!;
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    // Written by that very process: refused.
    writeFileSync(join(dir, 'keyline.lock'), JSON.stringify({ pid, started: `${bootId}/${startTicks}` }));
    expect(() => acquireDataDirLock(dir)).toThrow(`Another Keyline process (pid ${pid}) is using ${dir}`);
    // Written by an earlier process with the same pid: taken over.
    writeFileSync(join(dir, 'keyline.lock'), JSON.stringify({ pid, started: `${bootId}/${Number(startTicks) - 1}` }));
    acquireDataDirLock(dir).release();
  } finally {
    other.kill();
    await once(other, 'exit');
  }
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
