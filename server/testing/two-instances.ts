import { afterAll, beforeAll } from 'vitest';
import { openPgDatabase, type Database } from '../db/database';
import { createServerTestDatabase } from './test-db';

/** What two instances behind a load balancer share besides the database: one KEYLINE_SECRET and real time. */
export const sharedHmacSecret = Buffer.from('two-instances-share-this-secret-0123456789', 'utf8');
export const wallClock = { now: () => new Date() };
export const quietLogger = { info: () => undefined, warn: () => undefined, error: console.error };

/**
 * Registers the suite's hooks: a fresh database on the Postgres server and two pools on it, as two
 * processes would have — nothing shared but the database. Read `pools.a` and `pools.b` inside tests.
 */
export function twoPoolsOnOneDatabase(serverUrl: string | undefined): { a: Database; b: Database } {
  const pools = {} as { a: Database; b: Database };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createServerTestDatabase(serverUrl ?? '');
    drop = created.drop;
    pools.a = await openPgDatabase(created.url);
    pools.b = await openPgDatabase(created.url);
  });
  afterAll(async () => {
    await pools.a?.close();
    await pools.b?.close();
    await drop?.();
  });
  return pools;
}

interface QueueWorker {
  dispatchEvents(): Promise<unknown>;
  deliverDue(): Promise<number>;
}

/** Runs both instances' workers side by side until the queue is empty; how many each sent. */
export async function drainWithBoth(a: QueueWorker, b: QueueWorker): Promise<{ a: number; b: number }> {
  const sent = { a: 0, b: 0 };
  for (let round = 0; round < 30; round++) {
    const [sentA, sentB] = await Promise.all([a.dispatchEvents().then(() => a.deliverDue()), b.dispatchEvents().then(() => b.deliverDue())]);
    sent.a += sentA;
    sent.b += sentB;
    if (sentA + sentB === 0 && round > 0) break;
  }
  return sent;
}
