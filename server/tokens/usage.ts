import { lastUseThrottleMs } from '../db/credentials';
import type { Queryable } from '../db/database';
import { addUsage, type ClientCount, type UsageCount, type UsageOutcome } from '../db/usage';
import { errorForLog, type Logger } from '../runtime';

// Token usage, counted in memory on every check and written in one batch at most once per last-use
// interval: a token used a thousand times a minute costs one upsert per table per minute, not a thousand.

const hourMs = 60 * 60 * 1000;
/** Distinct counters kept between flushes; past this a flush is due at once (bounded memory under a flood of tokens). */
const maxPending = 50_000;

export type UsageEvent = {
  apiKeyId: string;
  at: Date;
  /** The scopes the call asked for; empty when it asked for none (GET /api/auth/me, introspection without required_scope). */
  scopes: readonly string[];
  outcome: UsageOutcome;
  via: ClientCount['via'];
  ip: string | null;
  userAgent: string | null;
};

export type UsageRecorder = {
  /** Counts one call in memory; flushes everything pending when the last flush is a last-use interval old. */
  record(event: UsageEvent): void;
  /** Writes what is pending now (before reading usage, at shutdown). Counts whose write failed are kept for the next one. */
  flush(): Promise<void>;
};

export function createUsageRecorder(db: Queryable, logger: Logger, { intervalMs = lastUseThrottleMs } = {}): UsageRecorder {
  let counts = new Map<string, UsageCount>();
  let clients = new Map<string, ClientCount>();
  let lastFlushMs: number | null = null;
  let flushing: Promise<void> | null = null;

  const add = <T extends { count: number; lastAt: Date }>(map: Map<string, T>, key: string, entry: T) => {
    const kept = map.get(key);
    if (!kept) map.set(key, entry);
    else {
      kept.count += entry.count;
      if (entry.lastAt > kept.lastAt) kept.lastAt = entry.lastAt;
    }
  };

  const flush = async () => {
    // One flush at a time; a second caller waits for it and then writes what came in meanwhile.
    while (flushing) await flushing;
    if (counts.size === 0 && clients.size === 0) return;
    // Swapped before the write: calls counted during it go to the next batch.
    const batch = { counts, clients };
    counts = new Map();
    clients = new Map();
    flushing = addUsage(db, [...batch.counts.values()], [...batch.clients.values()])
      .catch((error: unknown) => {
        // Put back and try again next time: counts are only ever added, so nothing is counted twice
        // unless the statement committed and only its answer was lost.
        for (const [key, entry] of batch.counts) add(counts, key, entry);
        for (const [key, entry] of batch.clients) add(clients, key, entry);
        throw error;
      })
      .finally(() => {
        flushing = null;
      });
    await flushing;
  };

  return {
    record(event) {
      const atMs = event.at.getTime();
      const hour = new Date(atMs - (atMs % hourMs));
      // One counter per call, whatever the number of scopes it asked for: the totals count calls.
      const scope = [...event.scopes].sort().join(' ');
      add(counts, `${event.apiKeyId}\u0000${hour.getTime()}\u0000${scope}\u0000${event.outcome}`, {
        apiKeyId: event.apiKeyId,
        hour,
        scope,
        outcome: event.outcome,
        count: 1,
        lastAt: event.at,
      });
      const ip = event.ip ?? '';
      const userAgent = (event.userAgent ?? '').slice(0, 512);
      add(clients, `${event.apiKeyId}\u0000${event.via}\u0000${ip}\u0000${userAgent}`, {
        apiKeyId: event.apiKeyId,
        via: event.via,
        ip,
        userAgent,
        count: 1,
        lastAt: event.at,
      });
      lastFlushMs ??= atMs;
      const due = atMs - lastFlushMs >= intervalMs || counts.size + clients.size >= maxPending;
      if (due && !flushing) {
        lastFlushMs = atMs;
        // Bookkeeping in the background: the caller's request never waits for it or fails with it.
        flush().catch((error: unknown) => logger.warn('Could not record token usage', errorForLog(error)));
      }
    },
    flush,
  };
}
