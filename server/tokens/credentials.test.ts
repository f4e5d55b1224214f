import { afterEach, describe, expect, test } from 'vitest';
import { apiKeySchema } from '../../src/contract/tokens';
import { createApp } from '../app';
import { recordTokenUse } from '../db/credentials';
import { observeWrites, type Database } from '../db/database';
import { databaseIsExclusive } from '../db/open-database';
import { errorOf, useTestApp } from '../testing/test-app';
import { createCredentialCache } from './credentials';
import { digestSecret, generateSecret } from './secrets';

// The cache on, in both test passes: on a Postgres server this one app is the database's only user too.
const t = useTestApp({ exclusiveDatabase: true });
const minute = 60 * 1000;
const day = 24 * 60 * minute;

const me = (secret: string) => t.request('/api/auth/me', { bearer: secret });

async function expectRejected(secret: string) {
  const res = await me(secret);
  expect(res.status).toBe(401);
  expect(res.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
  expect((await errorOf(res)).message).toBe('The token is invalid, expired or revoked.');
}

/** A token that has authenticated once, so its credential is in the cache. */
async function cachedToken(cookie: string, name = 'CI deploy') {
  const created = await t.createToken(cookie, { name });
  expect((await me(created.secret)).status).toBe(200);
  expect((await me(created.secret)).status).toBe(200);
  return created;
}

/** Counts the statements the app sends through `db` (the test database object it shares), by kind. */
function countStatements(db: Database) {
  const realQuery = db.query.bind(db);
  const sent: string[] = [];
  db.query = async <T>(sql: string, params?: unknown[]) => {
    sent.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
    return realQuery<T>(sql, params);
  };
  return { sent, restore: () => (db.query = realQuery) };
}

let restoreQuery: (() => void) | undefined;
afterEach(() => {
  restoreQuery?.();
  restoreQuery = undefined;
});

describe('with the credential cache', () => {
  test('a steady stream of bearer calls asks the database nothing', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await cachedToken(cookie);
    const counter = countStatements(t.db);
    restoreQuery = counter.restore;
    for (let i = 0; i < 20; i += 1) expect((await me(secret)).status).toBe(200);
    expect(counter.sent).toEqual([]);
  });

  test('revoked by its owner: 401 on the very next call', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await cachedToken(cookie);
    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie })).status).toBe(204);
    await expectRejected(secret);
  });

  test('revoked by an admin, one token or in bulk by ids or by filter: 401 on the very next call', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const { cookie } = await t.signedInUser('alice');
    const one = await cachedToken(cookie, 'one');
    const two = await cachedToken(cookie, 'two');
    const three = await cachedToken(cookie, 'three');

    expect((await t.request(`/api/api-keys/${one.apiKey.id}`, { method: 'DELETE', cookie: admin.cookie })).status).toBe(204);
    await expectRejected(one.secret);
    expect((await me(two.secret)).status).toBe(200);

    const byIds = await t.request('/api/admin/api-keys/revoke', { method: 'POST', cookie: admin.cookie, json: { ids: [two.apiKey.id] } });
    expect(byIds.status).toBe(200);
    await expectRejected(two.secret);
    expect((await me(three.secret)).status).toBe(200);

    const byFilter = await t.request('/api/admin/api-keys/revoke', {
      method: 'POST',
      cookie: admin.cookie,
      json: { filter: { owner: 'alice', status: 'active' } },
    });
    expect(byFilter.status).toBe(200);
    await expectRejected(three.secret);
  });

  test('rotated: the old secret lives exactly through its grace period, a cut-off ends it at once', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret: oldSecret } = await cachedToken(cookie);

    const rotate = (gracePeriod: string) =>
      t.request(`/api/api-keys/${apiKey.id}/rotate`, { method: 'POST', cookie, json: { gracePeriod } });
    const first = await rotate('1h');
    expect(first.status).toBe(201);
    const { secret: newSecret } = (await first.json()) as { secret: string };
    expect((await me(newSecret)).status).toBe(200);
    expect((await me(oldSecret)).status).toBe(200); // now cached as the previous secret
    t.clock.advance(60 * minute - 1);
    expect((await me(oldSecret)).status).toBe(200);
    t.clock.advance(1);
    await expectRejected(oldSecret);

    // A second rotation with a grace period, then cut off early.
    const second = await rotate('24h');
    const { secret: newest } = (await second.json()) as { secret: string };
    expect((await me(newSecret)).status).toBe(200);
    await expectRejected(oldSecret); // replaced as the previous secret
    expect((await t.request(`/api/api-keys/${apiKey.id}/rotate/cut-off`, { method: 'POST', cookie })).status).toBeLessThan(300);
    await expectRejected(newSecret);
    expect((await me(newest)).status).toBe(200);

    // Without grace: the secret it replaces dies with the rotation.
    const third = await rotate('none');
    const { secret: latest } = (await third.json()) as { secret: string };
    await expectRejected(newest);
    expect((await me(latest)).status).toBe(200);
  });

  test('expiry follows the injected clock; renewing an expired token does not revive its secret', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie, { expiresInDays: 1 });
    expect((await me(secret)).status).toBe(200);
    t.clock.advance(day - 1);
    expect((await me(secret)).status).toBe(200);
    t.clock.advance(1);
    await expectRejected(secret);

    const renewed = await t.request(`/api/api-keys/${apiKey.id}/rotate`, { method: 'POST', cookie, json: { gracePeriod: '1h' } });
    expect(renewed.status).toBe(201);
    const { secret: renewedSecret } = (await renewed.json()) as { secret: string };
    await expectRejected(secret);
    expect((await me(renewedSecret)).status).toBe(200);
  });

  test('any write to a token or its owner is heard, even one no route makes', async () => {
    const { user, cookie } = await t.signedInUser('alice');
    const { secret } = await cachedToken(cookie);

    await t.db.query("UPDATE users SET role = 'admin' WHERE id = $1", [user.id]);
    expect(((await (await me(secret)).json()) as { user: { role: string } }).user.role).toBe('admin');

    await t.db.query('UPDATE api_keys SET scopes = $1', [['read:workflows']]);
    expect(((await (await me(secret)).json()) as { auth: { scopes: string[] } }).auth.scopes).toEqual(['read:workflows']);

    await t.db.transaction(async (tx) => {
      await tx.query('UPDATE api_keys SET revoked_at = $1', [t.clock.now()]);
    });
    await expectRejected(secret);
  });

  test('a write that rolls back changes nothing', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await cachedToken(cookie);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query('UPDATE api_keys SET revoked_at = $1', [t.clock.now()]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await me(secret)).status).toBe(200);
  });

  test('last use: one write a minute at most, and the first use and rejections still reach the timeline', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    const counter = countStatements(t.db);
    restoreQuery = counter.restore;
    const lastUseWrites = () => counter.sent.filter((s) => s === 'UPDATE api_keys SET').length;

    for (let i = 0; i < 5; i += 1) expect((await me(secret)).status).toBe(200);
    expect(lastUseWrites()).toBe(1);
    t.clock.advance(59_000);
    for (let i = 0; i < 5; i += 1) expect((await me(secret)).status).toBe(200);
    expect(lastUseWrites()).toBe(1);
    t.clock.advance(1_000);
    for (let i = 0; i < 5; i += 1) expect((await me(secret)).status).toBe(200);
    expect(lastUseWrites()).toBe(2);
    counter.restore();

    const read = apiKeySchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}`, { cookie })).json());
    expect(read.lastUsedAt).toBe(t.clock.now().toISOString());

    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie })).status).toBe(204);
    await expectRejected(secret);
    const events = (await (await t.request(`/api/api-keys/${apiKey.id}/events`, { cookie })).json()) as { data: { type: string }[] };
    expect(events.data.map((e) => e.type)).toEqual(expect.arrayContaining(['first_used', 'revoked', 'rejected']));
  });

  test('a last use recorded by another call since the cache read it: the cache reads again, the throttle holds', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await cachedToken(cookie);
    t.clock.advance(2 * minute);
    // The token-use write itself, which the cache does not listen for: its kept last use is now stale.
    expect(await recordTokenUse(t.db, apiKey.id, { now: t.clock.now(), ip: null, userAgent: null })).toBe(true);
    const counter = countStatements(t.db);
    restoreQuery = counter.restore;
    for (let i = 0; i < 3; i += 1) expect((await me(secret)).status).toBe(200);
    const tokenStatements = counter.sent.filter((s) => !s.startsWith('SELECT count FROM'));
    // One write that changes nothing (the row is fresher), one read that learns so, then memory.
    expect(tokenStatements).toEqual(['UPDATE api_keys SET', 'SELECT k.id, d.digest,']);
  });
});

describe('the cache itself', () => {
  const digest = (secret: string) => digestSecret(secret, t.config.hmacSecret);

  test('keeps no unknown digests: each lookup of one asks again', async () => {
    const cache = createCredentialCache(observeWrites(t.db));
    const counter = countStatements(t.db);
    restoreQuery = counter.restore;
    const unknown = digest(generateSecret('kl', 'prod'));
    expect(await cache.find(unknown, t.clock.now())).toBeNull();
    expect(await cache.find(unknown, t.clock.now())).toBeNull();
    expect(counter.sent).toHaveLength(2);
  });

  test('holds at most maxEntries credentials, the oldest out first', async () => {
    const { cookie } = await t.signedInUser('alice');
    const secrets = [];
    for (const name of ['a', 'b', 'c']) secrets.push((await t.createToken(cookie, { name })).secret);
    const [a, b, c] = secrets.map(digest) as [Buffer, Buffer, Buffer];
    const cache = createCredentialCache(observeWrites(t.db), { maxEntries: 2 });
    const counter = countStatements(t.db);
    restoreQuery = counter.restore;
    for (const d of [a, b, c]) expect(await cache.find(d, t.clock.now())).not.toBeNull();
    expect(counter.sent).toHaveLength(3);
    await cache.find(c, t.clock.now());
    await cache.find(b, t.clock.now());
    expect(counter.sent).toHaveLength(3);
    await cache.find(a, t.clock.now());
    expect(counter.sent).toHaveLength(4);
  });

  test('a lookup that raced a write does not keep what it read', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const cache = createCredentialCache(observeWrites(t.db));
    const realQuery = t.db.query.bind(t.db);
    // The write lands while the lookup is on its way back.
    t.db.query = async <T>(sql: string, params?: unknown[]) => {
      const rows = await realQuery<T>(sql, params);
      if (sql.includes('d.digest')) await t.db.exec(`UPDATE api_keys SET revoked_at = now()`);
      return rows;
    };
    restoreQuery = () => (t.db.query = realQuery);
    expect((await cache.find(digest(secret), t.clock.now()))?.status).toBe('active');
    t.db.query = realQuery;
    expect((await cache.find(digest(secret), t.clock.now()))?.status).toBe('revoked');
  });
});

describe('without it', () => {
  test('an app on a shared database asks it for every bearer call', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await cachedToken(cookie);
    const shared = createApp({ db: t.db, clock: t.clock, config: { ...t.config, exclusiveDatabase: false, logger: t.logger } });
    const counter = countStatements(t.db);
    restoreQuery = counter.restore;
    for (let i = 0; i < 3; i += 1) {
      const res = await shared.request('/api/auth/me', { headers: { Authorization: `Bearer ${secret}` } });
      expect(res.status).toBe(200);
    }
    // The bearer-failure count and the credential, from the database, each time: in one statement
    // (on a Postgres server, each statement is a round trip).
    // The lookup with the failure count as its first column; a separate count would start `SELECT count FROM`.
    expect(counter.sent.filter((s) => s.startsWith('SELECT'))).toEqual(Array.from({ length: 3 }, () => 'SELECT (SELECT count'));
  });

  test('is how the server runs on a Postgres server (DATABASE_URL); on PGlite the database is its own', () => {
    expect(databaseIsExclusive({ databaseUrl: 'postgres://keyline@db.internal/keyline' })).toBe(false);
    expect(databaseIsExclusive({ databaseUrl: undefined })).toBe(true);
  });
});
