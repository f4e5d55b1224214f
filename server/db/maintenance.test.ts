import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTestDatabase } from '../testing/test-db';
import type { Database } from './database';
import { forgetExpiredUsage, vacuumGrownTables } from './maintenance';
import { addUsage } from './usage';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

test('vacuums a table that grew since its last VACUUM/ANALYZE, and leaves it alone once it has', async () => {
  await db.exec(`INSERT INTO users (id, username, password_hash, role, created_at) VALUES ('u1', 'ada', 'x', 'member', now())`);
  await db.query(
    `INSERT INTO api_keys (id, owner_id, name, active_name, environment, scopes, digest, hint, created_at, expires_at)
     SELECT 'k' || i, 'u1', 'Token ' || i, 'token ' || i, 'development', ARRAY['read:projects'],
            decode(md5(i::text) || md5('d' || i::text), 'hex'), 'kl_dev_…' || i, now(), now() + interval '30 days'
       FROM generate_series(1, 3000) AS i`,
  );

  expect(await vacuumGrownTables(db)).toEqual(['api_keys']);
  // The planner now knows the table's size: statistics came with the VACUUM.
  const [stats] = await db.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'api_keys'`);
  expect(stats?.reltuples).toBe(3000);
  expect(await vacuumGrownTables(db)).toEqual([]);
});

test('forgets token usage past its 90 days, to the hour, and keeps the rest', async () => {
  const now = new Date('2030-06-01T12:00:00.000Z');
  const hour = 60 * 60 * 1000;
  const daysAgo = (days: number, extraMs = 0) => new Date(now.getTime() - days * 24 * hour + extraMs);
  await addUsage(
    db,
    [
      { apiKeyId: 'old', hour: daysAgo(90, -hour), scope: '', outcome: 'success', count: 7, lastAt: daysAgo(90, -hour) },
      { apiKeyId: 'kept', hour: daysAgo(90), scope: '', outcome: 'success', count: 3, lastAt: daysAgo(90) },
      { apiKeyId: 'kept', hour: daysAgo(1), scope: 'read:projects', outcome: 'denied', count: 1, lastAt: daysAgo(1) },
    ],
    [
      { apiKeyId: 'old', via: 'bearer', ip: '10.0.0.1', userAgent: 'curl/8', count: 7, lastAt: daysAgo(91) },
      { apiKeyId: 'kept', via: 'introspection', ip: '10.0.0.2', userAgent: '', count: 4, lastAt: daysAgo(2) },
    ],
  );

  expect(await forgetExpiredUsage(db, now)).toBe(2);
  const left = await db.query<{ api_key_id: string }>('SELECT api_key_id FROM api_key_usage ORDER BY hour');
  expect(left.map((row) => row.api_key_id)).toEqual(['kept', 'kept']);
  const clients = await db.query<{ api_key_id: string }>('SELECT api_key_id FROM api_key_usage_clients');
  expect(clients.map((row) => row.api_key_id)).toEqual(['kept']);
  expect(await forgetExpiredUsage(db, now)).toBe(0);
});
