import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTestDatabase } from '../testing/test-db';
import type { Database } from './database';
import { vacuumGrownTables } from './maintenance';

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
