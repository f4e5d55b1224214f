import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../db/database';
import { dailyUsage } from '../db/usage';
import { openTestDatabase } from '../testing/test-db';
import { createUsageRecorder, type UsageEvent } from './usage';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const at = new Date('2030-01-15T12:00:00.000Z');
const use = (apiKeyId: string, outcome: UsageEvent['outcome'], minutes = 0): UsageEvent => ({
  apiKeyId,
  at: new Date(at.getTime() + minutes * 60_000),
  scopes: [],
  outcome,
  via: 'bearer',
  ip: '10.0.0.1',
  userAgent: 'curl/8.5',
});

test('two recorders (two instances) flushing the same hour add up, and nothing is written before a minute has passed', async () => {
  const first = createUsageRecorder(db, quiet);
  const second = createUsageRecorder(db, quiet);
  for (let i = 0; i < 500; i += 1) {
    first.record(use('tok-a', 'success'));
    second.record(use('tok-a', i % 5 === 0 ? 'rejected' : 'success'));
  }
  expect(await dailyUsage(db, ['tok-a'], at)).toEqual([]);
  await Promise.all([first.flush(), second.flush()]);
  expect(await dailyUsage(db, ['tok-a'], new Date('2030-01-15T00:00:00Z'))).toEqual([
    { apiKeyId: 'tok-a', day: '2030-01-15', success: 900, denied: 0, rejected: 100 },
  ]);
});

test('counts whose write failed are kept and written by the next flush', async () => {
  let failing = true;
  const flaky: Database = {
    ...db,
    query: async <T>(sql: string, params?: unknown[]) => {
      if (failing) throw new Error('connection lost');
      return db.query<T>(sql, params);
    },
  };
  const recorder = createUsageRecorder(flaky, quiet);
  recorder.record(use('tok-b', 'denied'));
  await expect(recorder.flush()).rejects.toThrow('connection lost');
  recorder.record(use('tok-b', 'denied'));
  failing = false;
  await recorder.flush();
  const [row] = await dailyUsage(db, ['tok-b'], new Date('2030-01-15T00:00:00Z'));
  expect(row?.denied).toBe(2);
});

test('a call a minute after the first flushes in the background', async () => {
  const recorder = createUsageRecorder(db, quiet);
  recorder.record(use('tok-c', 'success', 0));
  recorder.record(use('tok-c', 'success', 0.5));
  expect(await dailyUsage(db, ['tok-c'], at)).toEqual([]);
  recorder.record(use('tok-c', 'success', 1));
  await recorder.flush(); // waits for the background write
  const [row] = await dailyUsage(db, ['tok-c'], new Date('2030-01-15T00:00:00Z'));
  expect(row?.success).toBe(3);
});
