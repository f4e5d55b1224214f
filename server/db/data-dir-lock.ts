import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is single-process: two processes on one data directory corrupt it. Every command that
 * opens the directory (server, user:add) holds this lock file, which names the owner's pid and,
 * where /proc tells it, when that process started (boot id + start time). A pid alone is reused:
 * in a container every start is pid 1, so after a crash the lock would name a "live" process —
 * ourselves. With the start recorded, a lock is held only while the very process that wrote it runs.
 * The pid only means something to processes that see the same pids: the directory must not be
 * shared by processes in separate containers.
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
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = join(dataDir, 'keyline.lock');
  // Second attempt only after removing a lock whose owner has died.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, started: processStart(process.pid) ?? undefined } satisfies LockOwner));
      closeSync(fd);
      return { release: () => releaseIfOurs(lockPath) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(lockPath);
    if (owner !== null && holdsLock(owner)) throw new DataDirLockedError(owner.pid, dataDir);
    try {
      unlinkSync(lockPath);
    } catch {
      // Someone else took it over first; the next attempt finds out who.
    }
  }
  const owner = readOwner(lockPath);
  throw new DataDirLockedError(owner?.pid ?? 0, dataDir);
}

/** What the lock file holds: `started` is absent where /proc is not (then the pid alone decides). */
type LockOwner = { pid: number; started?: string };

/** As read back: `bare` when an earlier version wrote the pid alone. */
type RecordedOwner = LockOwner & { bare?: boolean };

function readOwner(lockPath: string): RecordedOwner | null {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8').trim();
  } catch {
    return null;
  }
  // Earlier versions wrote the bare pid.
  if (/^\d+$/.test(text)) return { pid: Number(text), bare: true };
  try {
    const { pid, started } = JSON.parse(text) as Partial<LockOwner>;
    if (!Number.isInteger(pid) || pid! <= 0) return null;
    return { pid: pid!, started: typeof started === 'string' ? started : undefined };
  } catch {
    return null;
  }
}

/**
 * `<boot id>/<start time in clock ticks since boot>` of a running process, or null where /proc
 * does not say (no such process, another OS, or /proc mounted with hidepid). Unique per process
 * for as long as the machine runs, and a reboot changes the boot id.
 */
function processStart(pid: number): string | null {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) is in parentheses and may itself hold spaces or ')'.
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return bootId && startTicks ? `${bootId}/${startTicks}` : null;
  } catch {
    return null;
  }
}

function holdsLock(owner: RecordedOwner): boolean {
  // This process writes no bare pids, so one naming our pid was left by an earlier version's run.
  if (owner.bare && owner.pid === process.pid) return false;
  if (owner.started !== undefined && processStart(process.pid) !== null) {
    // The very process that wrote the lock, or one that merely has its pid now (ours included).
    const current = processStart(owner.pid);
    if (current !== null) return current === owner.started;
    // Unreadable although it may exist (hidepid): only the pid can tell.
    return isAlive(owner.pid);
  }
  return isAlive(owner.pid);
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
  if (readOwner(lockPath)?.pid === process.pid) {
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone
    }
  }
}
