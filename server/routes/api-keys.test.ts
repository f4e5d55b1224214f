import { describe, expect, test } from 'vitest';
import { parseSecret } from '../../src/contract/token-format';
import { apiKeyListSchema, apiKeySchema, createApiKeyResponseSchema } from '../../src/contract/tokens';
import { migrations } from '../db/migrations';
import { errorOf, testStart, useTestApp } from '../testing/test-app';

const t = useTestApp();
const day = 24 * 60 * 60 * 1000;

async function countKeys() {
  const [row] = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM api_keys');
  return row?.count;
}

async function list(cookie: string, query = '') {
  const res = await t.request(`/api/api-keys${query}`, { cookie });
  expect(res.status).toBe(200);
  return apiKeyListSchema.parse(await res.json()).data;
}

describe('POST /api/api-keys', () => {
  test('creates a token: 201, no-store, the secret once, implied reads added', async () => {
    const { user, cookie } = await t.signedInUser('alice');
    const res = await t.request('/api/api-keys', {
      method: 'POST',
      cookie,
      json: {
        name: '  Deploy job ',
        description: '',
        environment: 'production',
        scopes: ['write:deployments', 'read:projects'],
        expiresInDays: 90,
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const { apiKey, secret } = createApiKeyResponseSchema.parse(await res.json());
    expect(parseSecret(secret, 'kl')).toEqual({ prefix: 'kl', envTag: 'prod' });
    expect(apiKey).toEqual({
      id: expect.any(String),
      name: 'Deploy job',
      description: null,
      environment: 'production',
      scopes: ['read:projects', 'read:deployments', 'write:deployments'],
      hint: `kl_prod_…${secret.slice(-4)}`,
      status: 'active',
      createdAt: testStart.toISOString(),
      lastUsedAt: null,
      lastUsedIp: null,
      lastUsedUserAgent: null,
      expiresAt: new Date(testStart.getTime() + 90 * day).toISOString(),
      revokedAt: null,
      revokedBy: null,
      revokedReason: null,
      owner: { id: user.id, username: 'alice', kind: 'person' },
      rotation: null,
    });

    const listRes = await t.request('/api/api-keys', { cookie });
    const listText = await listRes.text();
    expect(apiKeyListSchema.parse(JSON.parse(listText)).data).toEqual([apiKey]);
    expect(listText).not.toContain(secret);
    expect(listText).not.toContain(secret.slice(8, 30));
    const oneText = await (await t.request(`/api/api-keys/${apiKey.id}`, { cookie })).text();
    expect(oneText).not.toContain(secret.slice(8, 30));
  });

  test('accepts an explicit expiresAt up to the maximum lifetime', async () => {
    const { cookie } = await t.signedInUser('alice');
    const expiresAt = new Date(testStart.getTime() + 365 * day).toISOString();
    const { apiKey, secret } = await t.createToken(cookie, { environment: 'development', expiresAt });
    expect(apiKey.expiresAt).toBe(expiresAt);
    expect(secret).toMatch(/^kl_dev_/);
  });

  const invalidBodies: [string, Record<string, unknown>, 400 | 422, string][] = [
    ['an unknown field', { secret: 'x' }, 400, 'secret'],
    ['an empty name', { name: '   ' }, 400, 'name'],
    ['a 101-character name', { name: 'x'.repeat(101) }, 400, 'name'],
    ['no scopes', { scopes: [] }, 400, 'scopes'],
    ['both expiry fields', { expiresInDays: 30, expiresAt: '2030-02-01T00:00:00.000Z' }, 400, 'expiresInDays'],
    ['neither expiry field', { expiresInDays: undefined }, 400, 'expiresInDays'],
    ['an unknown scope', { scopes: ['read:projects', 'admin:everything'] }, 422, 'scopes'],
    ['an unknown environment', { environment: 'moon' }, 422, 'environment'],
    ['a lifetime over the maximum', { expiresInDays: 366 }, 422, 'expiresInDays'],
    ['an expiry over the maximum', { expiresInDays: undefined, expiresAt: '2031-02-01T00:00:00.000Z' }, 422, 'expiresAt'],
    ['an expiry in the past', { expiresInDays: undefined, expiresAt: '2030-01-15T11:59:59.000Z' }, 422, 'expiresAt'],
  ];

  test.each(invalidBodies)('rejects %s with fields and creates nothing', async (_label, change, status, field) => {
    const { cookie } = await t.signedInUser('alice');
    const json = { name: 'CI', environment: 'staging', scopes: ['read:projects'], expiresInDays: 30, ...change };
    const res = await t.request('/api/api-keys', { method: 'POST', cookie, json });
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.type).toBe('invalid_request_error');
    expect(error.fields?.[field]).toEqual(expect.any(String));
    expect(await countKeys()).toBe(0);
  });

  test('names the bad scope and the maximum lifetime in the messages', async () => {
    const { cookie } = await t.signedInUser('alice');
    const base = { name: 'CI', environment: 'staging', scopes: ['read:projects'], expiresInDays: 30 };
    const badScope = await t.request('/api/api-keys', { method: 'POST', cookie, json: { ...base, scopes: ['root'] } });
    expect((await errorOf(badScope)).fields).toEqual({ scopes: 'Unknown scope “root”.' });
    const tooLong = await t.request('/api/api-keys', { method: 'POST', cookie, json: { ...base, expiresInDays: 400 } });
    expect((await errorOf(tooLong)).fields).toEqual({ expiresInDays: 'Tokens may live at most 365 days.' });
  });

  test('a name is unique among my active tokens, case-insensitively', async () => {
    const { cookie } = await t.signedInUser('alice');
    await t.createToken(cookie, { name: 'Deploy' });
    const res = await t.request('/api/api-keys', {
      method: 'POST',
      cookie,
      json: { name: 'DEPLOY', environment: 'staging', scopes: ['read:projects'], expiresInDays: 30 },
    });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).fields).toEqual({ name: 'You already have an active token named “DEPLOY”.' });
    expect(await countKeys()).toBe(1);

    // Another user may use the same name.
    const bob = await t.signedInUser('bob');
    await t.createToken(bob.cookie, { name: 'deploy' });
  });

  test('names that only look different are one name: NFC or NFD, fullwidth forms; invisible characters are refused', async () => {
    const { cookie } = await t.signedInUser('alice');
    // Sent decomposed (e + combining acute): kept composed, as every other copy of the name will be.
    const { apiKey } = await t.createToken(cookie, { name: 'Cafe\u0301 deploy' });
    expect(apiKey.name).toBe('Caf\u00e9 deploy');
    const create = (name: string) =>
      t.request('/api/api-keys', { method: 'POST', cookie, json: { name, environment: 'staging', scopes: ['read:projects'], expiresInDays: 30 } });
    for (const lookAlike of ['Caf\u00e9 deploy', 'Cafe\u0301 deploy', '\uff23\uff41\uff46\u00e9\u3000deploy', 'CAF\u00c9 DEPLOY']) {
      const res = await create(lookAlike);
      expect(res.status, lookAlike).toBe(422);
      expect(Object.keys((await errorOf(res)).fields ?? {}), lookAlike).toEqual(['name']);
    }
    for (const hidden of ['Caf\u00e9\u200b deploy', 'Caf\u00e9 de\u200dploy', '\u202eCaf\u00e9 deploy', 'Caf\u00e9\u2060 deploy']) {
      const res = await create(hidden);
      expect(res.status, JSON.stringify(hidden)).toBe(400);
      expect((await errorOf(res)).fields).toEqual({ name: 'A name can’t contain invisible characters such as zero-width spaces.' });
    }
    expect(await countKeys()).toBe(1);
  });

  test('the name is free again after a revoke or once the old token has expired', async () => {
    const { cookie } = await t.signedInUser('alice');
    const first = await t.createToken(cookie, { name: 'Deploy', expiresInDays: 1 });
    await t.request(`/api/api-keys/${first.apiKey.id}`, { method: 'DELETE', cookie });
    t.clock.advance(1000);
    const second = await t.createToken(cookie, { name: 'Deploy', expiresInDays: 1 });
    t.clock.advance(day);
    await t.createToken(cookie, { name: 'deploy' });
    expect((await list(cookie)).map((key) => [key.id === second.apiKey.id, key.status])).toEqual([
      [false, 'active'],
      [true, 'expired'],
      [false, 'revoked'],
    ]);
  });

  test('the database enforces name uniqueness even without the handler', async () => {
    const { cookie } = await t.signedInUser('alice');
    await t.createToken(cookie, { name: 'Deploy' });
    await expect(
      t.db.query(
        `INSERT INTO api_keys (id, owner_id, name, active_name, environment, scopes, digest, hint, created_at, expires_at)
         SELECT 'x', owner_id, name, active_name, environment, scopes, '\\x01', hint, created_at, expires_at FROM api_keys`,
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });

  test('the migration to folded names folds the live ones, and leaves look-alikes that already exist working', async () => {
    const { user } = await t.signedInUser('alice');
    const legacy = async (id: string, name: string) =>
      t.db.query(
        `INSERT INTO api_keys (id, owner_id, name, active_name, environment, scopes, digest, hint, created_at, expires_at)
         VALUES ($1, $2, $3, lower($3), 'staging', '{}', $4, 'kl_stg_…abcd', $5, $6)`,
        [id, user.id, name, Buffer.from(id), testStart, new Date(testStart.getTime() + day)],
      );
    await legacy('a', '\uff24\uff45\uff50\uff4c\uff4f\uff59'); // fullwidth "Deploy", alone
    await legacy('b', 'Caf\u00e9');
    await legacy('c', 'Cafe\u0301'); // the same name decomposed: both were accepted before
    const folding = migrations.find((migration) => migration.name === 'api key names compared folded');
    await t.db.exec(folding?.sql ?? 'SELECT missing_migration()');
    const keys = await t.db.query<{ id: string; active_name: string }>('SELECT id, active_name FROM api_keys ORDER BY id');
    expect(keys).toEqual([
      { id: 'a', active_name: 'deploy' },
      { id: 'b', active_name: 'caf\u00e9' },
      { id: 'c', active_name: 'cafe\u0301' },
    ]);
  });
});

describe('token management needs a session', () => {
  test('no session: 401', async () => {
    const res = await t.request('/api/api-keys');
    expect(res.status).toBe(401);
    expect((await errorOf(res)).type).toBe('authentication_error');
  });

  test('a bearer token: 403 on list, create and revoke', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    const attempts = [
      t.request('/api/api-keys', { bearer: secret }),
      t.request('/api/api-keys', {
        method: 'POST',
        bearer: secret,
        json: { name: 'x', environment: 'staging', scopes: ['read:projects'], expiresInDays: 1 },
      }),
      t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', bearer: secret }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toEqual({
        type: 'permission_error',
        message: 'Managing tokens needs a signed-in session; a token cannot create or revoke tokens.',
      });
    }
    expect(await countKeys()).toBe(1);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
  });
});

describe('owner scoping', () => {
  test("another user's token is a 404 on GET and DELETE, like a missing one, and keeps working", async () => {
    const alice = await t.signedInUser('alice');
    const bob = await t.signedInUser('bob');
    const { apiKey, secret } = await t.createToken(alice.cookie);

    for (const id of [apiKey.id, 'no-such-id', "'; DROP TABLE api_keys; --", '00000000-0000-0000-0000-000000000000']) {
      for (const method of ['GET', 'DELETE']) {
        const res = await t.request(`/api/api-keys/${encodeURIComponent(id)}`, { method, cookie: bob.cookie });
        expect(res.status).toBe(404);
        expect(await errorOf(res)).toEqual({ type: 'not_found_error', message: 'Not found.' });
      }
    }
    expect(await list(bob.cookie)).toEqual([]);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
    const mine = await t.request(`/api/api-keys/${apiKey.id}`, { cookie: alice.cookie });
    expect(apiKeySchema.parse(await mine.json()).status).toBe('active');
  });
});

describe('DELETE /api/api-keys/:id', () => {
  test('revokes immediately and idempotently', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);

    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie })).status).toBe(204);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(401);
    const revokedAt = t.clock.now().toISOString();

    t.clock.advance(60_000);
    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie })).status).toBe(204);
    const res = await t.request(`/api/api-keys/${apiKey.id}`, { cookie });
    expect(apiKeySchema.parse(await res.json())).toMatchObject({ status: 'revoked', revokedAt });
  });
});

describe('GET /api/api-keys', () => {
  async function seed() {
    const { cookie } = await t.signedInUser('alice');
    const a = await t.createToken(cookie, { name: 'Alpha 100%', environment: 'development', expiresInDays: 10 });
    t.clock.advance(60_000);
    const b = await t.createToken(cookie, { name: 'beta_job', environment: 'production', expiresInDays: 300 });
    t.clock.advance(60_000);
    const c = await t.createToken(cookie, { name: 'Gamma', environment: 'production', expiresInDays: 1 });
    t.clock.advance(60_000);
    const d = await t.createToken(cookie, { name: 'delta', environment: 'staging', expiresInDays: 100 });
    await t.request(`/api/api-keys/${d.apiKey.id}`, { method: 'DELETE', cookie });
    await t.request('/api/auth/me', { bearer: b.secret });
    t.clock.advance(60_000);
    await t.request('/api/auth/me', { bearer: a.secret });
    t.clock.advance(2 * day); // c is expired now
    const ids = { a: a.apiKey.id, b: b.apiKey.id, c: c.apiKey.id, d: d.apiKey.id };
    const names = (keys: { id: string }[]) =>
      keys.map((key) => Object.entries(ids).find(([, id]) => id === key.id)?.[0]).join('');
    return { cookie, names };
  }

  test('defaults to every status, newest first', async () => {
    const { cookie, names } = await seed();
    expect(names(await list(cookie))).toBe('dcba');
  });

  test('filters by status, environment and name', async () => {
    const { cookie, names } = await seed();
    expect(names(await list(cookie, '?status=active'))).toBe('ba');
    expect(names(await list(cookie, '?status=expired'))).toBe('c');
    expect(names(await list(cookie, '?status=revoked'))).toBe('d');
    expect(names(await list(cookie, '?status=all&environment=production'))).toBe('cb');
    expect(names(await list(cookie, '?q=ALPHA'))).toBe('a');
    // LIKE wildcards are matched literally.
    expect(names(await list(cookie, '?q=%25'))).toBe('a');
    expect(names(await list(cookie, '?q=_'))).toBe('b');
    expect(names(await list(cookie, '?q=zzz'))).toBe('');
  });

  test('sorts by name, expiry and last use (never used last when newest first)', async () => {
    const { cookie, names } = await seed();
    expect(names(await list(cookie, '?sort=name&order=asc'))).toBe('abdc');
    expect(names(await list(cookie, '?sort=expiresAt&order=asc'))).toBe('cadb');
    // c and d were never used: a tie, broken by id (the keyset's tie-breaker), so in either order.
    expect(names(await list(cookie, '?sort=lastUsedAt'))).toMatch(/^ab(cd|dc)$/);
    expect(names(await list(cookie, '?sort=lastUsedAt&order=asc'))).toMatch(/^(cd|dc)ba$/);
    expect(names(await list(cookie, '?sort=createdAt&order=asc'))).toBe('abcd');
  });

  test('rejects unknown query parameters and values', async () => {
    const { cookie } = await t.signedInUser('alice');
    for (const query of ['?sort=secret', '?status=gone', '?page=2', '?limit=0', '?limit=101', '?limit=1.5', '?limit=ten']) {
      const res = await t.request(`/api/api-keys${query}`, { cookie });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).type).toBe('invalid_request_error');
    }
  });
});

describe('GET /api/api-keys: pages', () => {
  async function page(cookie: string, query: string) {
    const res = await t.request(`/api/api-keys${query}`, { cookie });
    expect(res.status).toBe(200);
    return apiKeyListSchema.parse(await res.json());
  }

  /** Every page of `query`, `limit` at a time, following nextCursor to the end. */
  async function allPages(cookie: string, query: string, limit: number) {
    const pages = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams(query);
      params.set('limit', String(limit));
      if (cursor) params.set('cursor', cursor);
      const next = await page(cookie, `?${params.toString()}`);
      pages.push(next);
      cursor = next.nextCursor;
    } while (cursor && pages.length < 20);
    return pages;
  }

  const ids = (keys: { id: string }[]) => keys.map((key) => key.id);

  test('walks every sort in pages that add up to the whole list, ties included', async () => {
    const { cookie } = await t.signedInUser('alice');
    // Pairs created in the same instant (a tie on createdAt), some used (a tie on last use), one never used.
    const names = ['Echo', 'alpha', 'Delta', 'charlie', 'Bravo', 'foxtrot', 'golf'];
    const tokens = [];
    for (const [index, name] of names.entries()) {
      tokens.push(await t.createToken(cookie, { name, environment: 'development', expiresInDays: 10 + index }));
      if (index % 2 === 1) t.clock.advance(60_000);
    }
    for (const token of tokens.slice(0, 4)) await t.request('/api/auth/me', { bearer: token.secret });
    t.clock.advance(60_000);

    for (const sort of ['createdAt', 'lastUsedAt', 'name', 'expiresAt']) {
      for (const order of ['asc', 'desc']) {
        const query = `status=all&sort=${sort}&order=${order}`;
        const whole = await page(cookie, `?${query}`);
        expect(whole.nextCursor).toBeNull();
        const pages = await allPages(cookie, query, 3);
        expect(pages.map((p) => p.data.length), query).toEqual([3, 3, 1]);
        expect(ids(pages.flatMap((p) => p.data)), query).toEqual(ids(whole.data));
        expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
        expect(pages.at(-1)?.nextCursor).toBeNull();
      }
    }
    const byName = await page(cookie, '?status=all&sort=name&order=asc');
    expect(byName.data.map((key) => key.name)).toEqual(['alpha', 'Bravo', 'charlie', 'Delta', 'Echo', 'foxtrot', 'golf']);
  });

  test('pages honour the filters, and total counts what matches them', async () => {
    const { cookie } = await t.signedInUser('alice');
    for (const name of ['prod a', 'prod b', 'prod c', 'dev a']) {
      await t.createToken(cookie, { name, environment: name.startsWith('prod') ? 'production' : 'development' });
    }
    const pages = await allPages(cookie, 'environment=production&q=prod', 2);
    expect(pages.flatMap((p) => p.data.map((key) => key.name)).toSorted()).toEqual(['prod a', 'prod b', 'prod c']);
    expect(pages.map((p) => p.total)).toEqual([3, 3]);
    expect((await page(cookie, '?q=nothing')).total).toBe(0);
    // Default page size.
    expect((await page(cookie, '')).data).toHaveLength(4);
  });

  test('a page is mine only, whoever made the cursor', async () => {
    const alice = await t.signedInUser('alice');
    const bob = await t.signedInUser('bob');
    for (let i = 0; i < 4; i++) {
      await t.createToken(alice.cookie, { name: `alice ${i}` });
      t.clock.advance(1000);
      await t.createToken(bob.cookie, { name: `bob ${i}` });
      t.clock.advance(1000);
    }
    const bobs = await allPages(bob.cookie, '', 3);
    expect(bobs.flatMap((p) => p.data.map((key) => key.owner.username))).toEqual(['bob', 'bob', 'bob', 'bob']);
    expect(bobs[0]?.total).toBe(4);

    // Alice's cursor is only a position in a sort order: with it, Bob still sees nothing but his own.
    const alicesFirst = await page(alice.cookie, '?limit=1');
    const withAlicesCursor = await page(bob.cookie, `?limit=10&cursor=${alicesFirst.nextCursor}`);
    expect(withAlicesCursor.data.map((key) => key.name)).toEqual(['bob 2', 'bob 1', 'bob 0']);
    expect(withAlicesCursor.total).toBe(4);
  });

  test('a cursor that is not one of ours, or from another sort, is a 400', async () => {
    const { cookie } = await t.signedInUser('alice');
    await t.createToken(cookie, { name: 'one' });
    await t.createToken(cookie, { name: 'two' });
    const first = await page(cookie, '?limit=1');
    const cursor = first.nextCursor ?? '';
    expect(cursor).not.toBe('');
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const [sort, key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as string[];
    const tampered = [
      'garbage',
      encode('just a string'),
      encode([sort, key]),
      encode([sort, "2030-01-15 12:00:00+00'; DROP TABLE api_keys; --", id]),
      encode([sort, 'not a time', id]),
      // Shaped like a time, but not one: Postgres would refuse it (a 500 before).
      encode([sort, '2030-13-01 12:00:00+00', id]),
      encode([sort, '2030-02-31 12:00:00+00', id]),
      encode([sort, '2030-01-15 25:00:00+00', id]),
      encode([sort, '0000-01-15 12:00:00+00', id]),
      encode([sort, '2030-01-15 12:00:00+99', id]),
      encode([sort, key, 'not\u0000an id']),
      encode([sort, key, 42]),
      encode(['secret:desc', key, id]),
      'x'.repeat(600),
    ];
    for (const bad of tampered) {
      const res = await t.request(`/api/api-keys?limit=1&cursor=${encodeURIComponent(bad)}`, { cookie });
      expect(res.status, bad).toBe(400);
      expect((await errorOf(res)).type).toBe('invalid_request_error');
    }
    // The name sort's key is text, but never text Postgres cannot hold.
    const byName = (await page(cookie, '?limit=1&sort=name')).nextCursor ?? '';
    const [nameSort, , nameId] = JSON.parse(Buffer.from(byName, 'base64url').toString('utf8')) as string[];
    const nulKey = await t.request(`/api/api-keys?limit=1&sort=name&cursor=${encode([nameSort, 'a\u0000b', nameId])}`, { cookie });
    expect(nulKey.status).toBe(400);
    // A cursor belongs to its sort and order.
    for (const other of ['?sort=name&order=desc', '?order=asc']) {
      const res = await t.request(`/api/api-keys${other}&cursor=${cursor}`, { cookie });
      expect(res.status, other).toBe(400);
      expect(await errorOf(res)).toEqual({
        type: 'invalid_request_error',
        message: expect.any(String),
        fields: { cursor: 'Not a cursor from this list. Start again from the first page.' },
      });
    }
    expect(await countKeys()).toBe(2);
    // The real one still works.
    expect((await page(cookie, `?limit=1&cursor=${cursor}`)).data).toHaveLength(1);
  });

  test('every page says how many active tokens expire within 7 days, whatever the filters', async () => {
    const alice = await t.signedInUser('alice');
    const soon = await t.createToken(alice.cookie, { name: 'soon', environment: 'production', expiresInDays: 2 });
    await t.createToken(alice.cookie, { name: 'sooner', environment: 'development', expiresInDays: 1 });
    await t.createToken(alice.cookie, { name: 'edge', environment: 'development', expiresInDays: 7 });
    await t.createToken(alice.cookie, { name: 'later', environment: 'development', expiresInDays: 8 });
    const revoked = await t.createToken(alice.cookie, { name: 'revoked', environment: 'development', expiresInDays: 3 });
    await t.request(`/api/api-keys/${revoked.apiKey.id}`, { method: 'DELETE', cookie: alice.cookie });
    // Someone else's expiring token is not mine to hear about.
    const bob = await t.signedInUser('bob');
    await t.createToken(bob.cookie, { name: 'bob soon', expiresInDays: 1 });

    const filtered = await page(alice.cookie, '?environment=production&limit=1');
    expect(filtered.data.map((key) => key.id)).toEqual([soon.apiKey.id]);
    expect(filtered.expiringSoon.count).toBe(3);
    expect(filtered.expiringSoon.data.map((key) => key.name)).toEqual(['sooner', 'soon', 'edge']);

    // A day on: "sooner" has expired and no longer counts; "later" now expires within 7 days.
    t.clock.advance(day + 1000);
    const later = await page(alice.cookie, '?status=revoked');
    expect(later.expiringSoon.data.map((key) => key.name)).toEqual(['soon', 'edge', 'later']);
    expect(later.expiringSoon.count).toBe(3);
    expect(later.total).toBe(1);
  });

  test('at most five expiring tokens ride along, soonest first; the count is all of them', async () => {
    const { cookie } = await t.signedInUser('alice');
    for (let days = 7; days >= 1; days--) await t.createToken(cookie, { name: `in ${days} days`, expiresInDays: days });
    const first = await page(cookie, '?limit=1');
    expect(first.expiringSoon.count).toBe(7);
    expect(first.expiringSoon.data.map((key) => key.name)).toEqual(['in 1 days', 'in 2 days', 'in 3 days', 'in 4 days', 'in 5 days']);
  });
});

describe('no input is a 500', () => {
  test('an expiry date the calendar does not have is refused, not rolled over', async () => {
    const { cookie } = await t.signedInUser('alice');
    for (const expiresAt of ['2030-02-31T00:00:00.000Z', '2030-04-31T00:00:00.000Z', '2031-02-29T00:00:00.000Z']) {
      const body = { name: 'x', environment: 'staging', scopes: ['read:projects'], expiresAt };
      const res = await t.request('/api/api-keys', { method: 'POST', cookie, json: body });
      expect(res.status, expiresAt).toBe(400);
      expect((await errorOf(res)).fields).toEqual({ expiresAt: 'That date does not exist. Pick a day the month has.' });
    }
    expect(await countKeys()).toBe(0);
  });

  test('environments named like Object’s properties are environments like any other', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const environments = ['constructor', 'tostring', 'hasownproperty'].map((id, i) => ({ id, label: id, tag: `env${i}` }));
    const saved = await t.request('/api/policy', {
      method: 'PUT',
      cookie: admin.cookie,
      json: { defaultLifetimeDays: 30, maxLifetimeDays: 365, environments, defaultEnvironment: 'constructor', allowedScopesByEnvironment: {}, maxActiveTokensPerUser: null },
    });
    expect(saved.status).toBe(200);
    for (const { id } of environments) {
      const { apiKey } = await t.createToken(admin.cookie, { name: id, environment: id, scopes: ['write:projects'] });
      expect(apiKey.scopes).toEqual(['read:projects', 'write:projects']);
      expect((await t.request(`/api/api-keys/${apiKey.id}/rotate`, { method: 'POST', cookie: admin.cookie, json: { gracePeriod: 'none' } })).status).toBe(201);
    }
  });
});

describe('policy limits', () => {
  test('maxActiveTokensPerUser, when set, counts active tokens only', async () => {
    t.policyOverrides = { maxActiveTokensPerUser: 2 };
    const { cookie } = await t.signedInUser('alice');
    const first = await t.createToken(cookie, { name: 'one' });
    await t.createToken(cookie, { name: 'two' });
    const body = { name: 'three', environment: 'staging', scopes: ['read:projects'], expiresInDays: 30 };
    const res = await t.request('/api/api-keys', { method: 'POST', cookie, json: body });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toEqual({
      type: 'invalid_request_error',
      message: 'You can have at most 2 active tokens. Revoke one you no longer use first.',
    });
    await t.request(`/api/api-keys/${first.apiKey.id}`, { method: 'DELETE', cookie });
    expect((await t.request('/api/api-keys', { method: 'POST', cookie, json: body })).status).toBe(201);
  });

  test('scopes not allowed for the environment are rejected', async () => {
    t.policyOverrides = { allowedScopesByEnvironment: { production: ['read:projects', 'read:deployments'] } };
    const { cookie } = await t.signedInUser('alice');
    const body = { name: 'x', environment: 'production', scopes: ['read:projects', 'write:security'], expiresInDays: 30 };
    const res = await t.request('/api/api-keys', { method: 'POST', cookie, json: body });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).fields).toEqual({ scopes: '“write:security” is not allowed for Production tokens.' });
    expect(await countKeys()).toBe(0);
    await t.createToken(cookie, { environment: 'staging', scopes: ['write:security'] });
  });
});
