import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is single-process: two processes on one data directory corrupt it. Every command that
 * opens the directory (server, user:add) holds this lock file, which names the owner's pid.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly pid: number,
    dataDir: string,
  ) {
    super(
      `Another Keyline process (pid ${pid}) is using ${dataDir}. Stop it first, or set KEYLINE_DATA_DIR to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export type DataDirLock = { release(): void };

export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'keyline.lock');
  // Second attempt only after removing a lock whose owner has died.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => releaseIfOurs(lockPath) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(lockPath);
    if (owner !== null && isAlive(owner)) throw new DataDirLockedError(owner, dataDir);
    try {
      unlinkSync(lockPath);
    } catch {
      // Someone else took it over first; the next attempt finds out who.
    }
  }
  const owner = readOwner(lockPath);
  throw new DataDirLockedError(owner ?? 0, dataDir);
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOurs(lockPath: string) {
  if (readOwner(lockPath) === process.pid) {
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone
    }
  }
}
