import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, expect, test } from 'vitest';
import { apiKeyListSchema, createApiKeyResponseSchema, type ApiKey } from '../../src/contract/tokens';
import { isUniqueViolation } from '../db/database';
import { errorOf, testStart, useTestApp } from '../testing/test-app';

/**
 * Creates and revokes racing each other, from two users at once: nothing lost, nothing doubled.
 * On PGlite the requests interleave at every await (one connection); on a Postgres server
 * (DATABASE_URL) they really run in parallel over the pool.
 */

// Lifted creation limit: this test is about races, not about the per-user budget.
const t = useTestApp({ rateLimits: { tokenCreationsPerUser: { limit: 100_000, windowMs: 60_000 } } });

const preCreated = 15;
const createsPerUser = 75;
const revokesPerUser = 25;
let operations = 0;
afterAll(() => console.info(`concurrency: ${operations} concurrent operations`));

async function listAll(cookie: string): Promise<ApiKey[]> {
  const res = await t.request('/api/api-keys?status=all', { cookie });
  expect(res.status).toBe(200);
  return apiKeyListSchema.parse(await res.json()).data;
}

type Outcome = { user: string; kind: 'create'; name: string; status: number; id?: string } | { user: string; kind: 'revoke'; id: string; own: boolean; status: number };

test('200 concurrent creates and revokes from two users: lists consistent, active names unique, nothing lost', { timeout: 90_000 }, async () => {
  const users = {
    alice: (await t.signedInUser('alice')).cookie,
    bob: (await t.signedInUser('bob')).cookie,
  };
  // Tokens to revoke during the race; their names are also raced for by creates (a name frees up on revoke).
  const existing: Record<string, ApiKey[]> = { alice: [], bob: [] };
  for (const [user, cookie] of Object.entries(users)) {
    for (let i = 0; i < preCreated; i++) existing[user]?.push((await t.createToken(cookie, { name: `pre-${i}` })).apiKey);
  }

  const operationsOf = (user: 'alice' | 'bob'): (() => Promise<Outcome>)[] => {
    const cookie = users[user];
    const other = user === 'alice' ? 'bob' : 'alice';
    const creates = Array.from({ length: createsPerUser }, (_, i) => {
      // 20 distinct names, each asked for three times in differing case, plus names of tokens being revoked.
      const name = i % 5 === 4 ? `pre-${i % preCreated}` : [`Deploy ${i % 25}`, `deploy ${i % 25}`, `DEPLOY ${i % 25}`][Math.floor(i / 25)] ?? `x${i}`;
      return async (): Promise<Outcome> => {
        const res = await t.request('/api/api-keys', {
          method: 'POST',
          cookie,
          json: { name, environment: 'production', scopes: ['read:projects'], expiresInDays: 30 },
        });
        if (res.status === 201) return { user, kind: 'create', name, status: 201, id: createApiKeyResponseSchema.parse(await res.json()).apiKey.id };
        if (res.status === 422) expect((await errorOf(res)).fields?.name).toBeDefined();
        return { user, kind: 'create', name, status: res.status };
      };
    });
    const revokes = Array.from({ length: revokesPerUser }, (_, i) => {
      // Mostly my own (some twice at once: revoke is idempotent), a few of the other user's (must be 404).
      const own = i % 5 !== 0;
      const target = own ? existing[user]?.[i % 12] : existing[other]?.[i % preCreated];
      if (!target) throw new Error('no token to revoke');
      return async (): Promise<Outcome> => {
        const res = await t.request(`/api/api-keys/${target.id}`, { method: 'DELETE', cookie });
        return { user, kind: 'revoke', id: target.id, own, status: res.status };
      };
    });
    return [...creates, ...revokes];
  };

  // Interleave both users' operations so they overlap from the first request.
  const all = operationsOf('alice').flatMap((op, i) => [op, operationsOf('bob')[i]].filter((o) => o !== undefined));
  const outcomes = await Promise.all(all.map((op) => op()));
  operations += outcomes.length;
  expect(outcomes).toHaveLength(2 * (createsPerUser + revokesPerUser));

  for (const user of ['alice', 'bob'] as const) {
    const mine = outcomes.filter((o) => o.user === user);
    const list = await listAll(users[user]);
    const byId = new Map(list.map((k) => [k.id, k]));

    // Only the expected answers: never a 5xx, never a surprise.
    for (const o of mine) {
      if (o.kind === 'create') expect([201, 422]).toContain(o.status);
      else expect(o.status).toBe(o.own ? 204 : 404);
    }

    // Nothing lost: every 201 is in the list, owned by this user, active; every 204'd token is revoked.
    const created = mine.filter((o): o is Extract<Outcome, { kind: 'create' }> & { id: string } => o.kind === 'create' && o.id !== undefined);
    for (const o of created) {
      expect(byId.get(o.id)?.owner.username).toBe(user);
      expect(byId.get(o.id)?.status).toBe('active');
    }
    for (const o of mine.filter((o) => o.kind === 'revoke' && o.own)) {
      const revoked = byId.get((o as { id: string }).id);
      expect(revoked?.status).toBe('revoked');
      expect(revoked?.revokedAt).toBe(testStart.toISOString());
    }
    // Nothing extra: the list is exactly what was made before and during the race.
    expect(list).toHaveLength(preCreated + created.length);

    // Unique among active tokens, case-insensitively, and each fresh name was won by exactly one create.
    const active = list.filter((k) => k.status === 'active').map((k) => k.name.toLowerCase());
    expect(new Set(active).size).toBe(active.length);
    const freshNames = new Set(mine.flatMap((o) => (o.kind === 'create' && !o.name.startsWith('pre-') ? [o.name.toLowerCase()] : [])));
    expect(freshNames.size).toBe(20);
    for (const name of freshNames) expect(created.filter((o) => o.name.toLowerCase() === name)).toHaveLength(1);
    // A raced-for pre-i name: at most one winner, and only if pre-i itself was revoked by then.
    for (let i = 0; i < preCreated; i++) {
      const winners = created.filter((o) => o.name === `pre-${i}`);
      expect(winners.length).toBeLessThanOrEqual(1);
      if (winners.length === 1) expect(list.find((k) => k.name === `pre-${i}` && k.id !== winners[0]?.id)?.status).toBe('revoked');
    }
  }

  // The other user's tokens were not touched by the 404'd cross-user revokes.
  const bobList = await listAll(users.bob);
  for (const o of outcomes.filter((o) => o.kind === 'revoke' && !o.own && o.user === 'alice')) {
    const target = bobList.find((k) => k.id === (o as { id: string }).id);
    const bobRevokedIt = outcomes.some((x) => x.kind === 'revoke' && x.user === 'bob' && x.own && x.id === target?.id);
    expect(target?.status).toBe(bobRevokedIt ? 'revoked' : 'active');
  }
});

test('the database itself refuses a second active token with the same name for one owner', async () => {
  const { user, cookie } = await t.signedInUser('alice');
  const { apiKey } = await t.createToken(cookie, { name: 'Deploy' });
  const insertDuplicate = (name: string, activeName: string | null) =>
    t.db.query(
      `INSERT INTO api_keys (id, owner_id, name, active_name, environment, scopes, digest, hint, created_at, expires_at)
       VALUES ($1, $2, $3, $4, 'production', ARRAY['read:projects'], $5, 'kl_prod_…xxxx', $6, $7)`,
      [randomUUID(), user.id, name, activeName, randomBytes(32), testStart, new Date(testStart.getTime() + 86_400_000)],
    );

  // Straight to SQL, past the API's own checks: the unique constraint is what guarantees it.
  const error = await insertDuplicate('DEPLOY', 'deploy').then(
    () => null,
    (e: unknown) => e,
  );
  expect(isUniqueViolation(error, 'api_keys_owner_active_name')).toBe(true);
  expect((error as { code?: string }).code).toBe('23505');

  // A revoked (inactive) row with the same name is allowed: only active names are unique.
  await insertDuplicate('Deploy', null);
  const [count] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys WHERE owner_id = $1', [user.id]);
  expect(count?.n).toBe(2);
  expect(apiKey.status).toBe('active');
});
