import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTestDatabase } from '../testing/test-db';
import { revokeApiKeysByIds, summarizeApiKeys, summarizeByPass } from './admin-api-keys';
import { recordTokenUse } from './credentials';
import type { Database } from './database';

// The summary's landing numbers come from tallies the triggers keep and from range counts within a day
// (migration 17); the pass over every token is the definition. After random creates, revokes, rotations,
// uses, deletions and the clock moving across midnights and expiries, both must say the same.

const dayMs = 86_400_000;
const hourMs = 3_600_000;
const environments = ['development', 'staging', 'production'];

/** A small deterministic generator (mulberry32): a failure replays with the same seed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

describe.each([1, 2, 3])('with seed %i', (seed) => {
  test('the tallied summary equals the pass over every token after random changes', async () => {
    const rnd = random(seed);
    const prefix = `s${seed}`;
    let now = new Date(Date.UTC(2031, 0, 10, 0, 0, 0) + seed * 7 * hourMs);
    const owners = [1, 2, 3, 4].map((i) => `${prefix}-owner-${i}`);
    for (const id of owners) {
      await db.query(`INSERT INTO users (id, username, password_hash, role, created_at) VALUES ($1, $1, 'x', 'member', $2)`, [id, now]);
    }
    const ids: string[] = [];
    let created = 0;

    const create = async (count: number) => {
      // Several rows in one statement: the triggers are per statement.
      const rows = Array.from({ length: count }, () => {
        created += 1;
        const id = `${prefix}-key-${created}`;
        ids.push(id);
        const createdAt = new Date(now.getTime() - rnd.int(200) * dayMs - rnd.int(24) * hourMs);
        // Some expire within hours or days (across midnights the clock will cross), some far away.
        const expiresAt = new Date(now.getTime() + (rnd.next() < 0.5 ? rnd.int(72) * hourMs + 60_000 : rnd.int(400) * dayMs + hourMs));
        // A use is only ever recorded while the token is active: between creation and now.
        const lastUsedAt = rnd.next() < 0.4 ? null : new Date(createdAt.getTime() + rnd.next() * (now.getTime() - createdAt.getTime()));
        return [id, rnd.pick(owners), rnd.pick(environments), createdAt, expiresAt, lastUsedAt];
      });
      const values = rows.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, 'n', $${i * 6 + 3}, ARRAY['read:projects'], decode(md5(random()::text), 'hex'), 'h', $${i * 6 + 4}::timestamptz, $${i * 6 + 5}::timestamptz, $${i * 6 + 6}::timestamptz)`);
      await db.query(
        `INSERT INTO api_keys (id, owner_id, name, environment, scopes, digest, hint, created_at, expires_at, last_used_at)
         VALUES ${values.join(', ')}`,
        rows.flat(),
      );
    };

    const operations = [
      () => create(1 + rnd.int(5)),
      async () => {
        // A use as authentication records it: throttled, only for an active token.
        const id = rnd.pick(ids);
        const [row] = await db.query<{ live: boolean }>('SELECT revoked_at IS NULL AND expires_at > $2 AS live FROM api_keys WHERE id = $1', [id, now]);
        if (row?.live) await recordTokenUse(db, id, { now, ip: '192.0.2.1', userAgent: null });
      },
      () => revokeApiKeysByIds(db, [rnd.pick(ids), rnd.pick(ids)], owners[0]!, now),
      // A rotation: a new secret and a new expiry.
      () =>
        db.query(`UPDATE api_keys SET digest = decode(md5(random()::text), 'hex'), expires_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [
          rnd.pick(ids),
          new Date(now.getTime() + (1 + rnd.int(90)) * dayMs),
        ]),
      async () => {
        const id = rnd.pick(ids);
        await db.query('DELETE FROM api_keys WHERE id = $1', [id]);
        ids.splice(ids.indexOf(id), 1);
      },
      async () => {
        now = new Date(now.getTime() + rnd.int(30) * hourMs + rnd.int(3_600_000));
      },
    ];

    await create(40);
    for (let step = 0; step < 120; step += 1) {
      await rnd.pick(operations)();
      if (ids.length === 0) await create(5);
      if (step % 10 === 9) {
        for (const filter of [{}, { environment: rnd.pick(environments) }]) {
          // Over every token in the database, the earlier seeds' included.
          const expected = await summarizeByPass(db, filter, now);
          expect(await summarizeApiKeys(db, filter, now), `step ${step}, ${JSON.stringify(filter)} at ${now.toISOString()}`).toEqual(expected);
        }
      }
    }
    // The owner's deletion takes its tokens along (a cascade, which fires the triggers too).
    await db.query('DELETE FROM users WHERE id = $1', [owners[1]]);
    expect(await summarizeApiKeys(db, {}, now)).toEqual(await summarizeByPass(db, {}, now));
  });
});

test('the counts of an untouched database are zero on both paths', async () => {
  const empty = await openTestDatabase();
  try {
    const now = new Date('2031-06-01T12:00:00Z');
    const summary = await summarizeApiKeys(empty, {}, now);
    expect(summary).toEqual(await summarizeByPass(empty, {}, now));
    expect(summary.total).toBe(0);
  } finally {
    await empty.close();
  }
});
