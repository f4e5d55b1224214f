import { describe, expect, test } from 'vitest';
import {
  adminApiKeyListSchema,
  adminApiKeySummarySchema,
  bulkRevokeResponseSchema,
  type AdminApiKeyList,
  type AdminApiKeySummary,
} from '../../src/contract/admin';
import { apiKeySchema } from '../../src/contract/tokens';
import { errorOf, testStart, useTestApp } from '../testing/test-app';

const t = useTestApp();
const day = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(testStart.getTime() + days * day);

async function adminList(cookie: string, query = ''): Promise<AdminApiKeyList> {
  const res = await t.request(`/api/admin/api-keys${query}`, { cookie });
  expect(res.status, `${await res.clone().text()} ${JSON.stringify(t.logs.map((l) => String(l[1])))}`).toBe(200);
  return adminApiKeyListSchema.parse(await res.json());
}

async function adminSummary(cookie: string, query = ''): Promise<AdminApiKeySummary> {
  const res = await t.request(`/api/admin/api-keys/summary${query}`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return adminApiKeySummarySchema.parse(await res.json());
}

async function useToken(secret: string) {
  const res = await t.request('/api/auth/me', { bearer: secret });
  expect(res.status).toBe(200);
}

async function revoke(cookie: string, json: unknown) {
  return t.request('/api/admin/api-keys/revoke', { method: 'POST', cookie, json });
}

/**
 * Seen from "now" = day 200:
 *  - fresh: made day 199, used day 199           (active, used recently)
 *  - month: made day 100, used day 160           (active, unused 40 days)
 *  - quarter: made day 50, used day 100          (active, unused 100 days)
 *  - ghost: made day 10, never used              (active, never used, unused 190 days)
 *  - newbie: made day 195, never used            (active, never used, not stale yet)
 *  - soon: made day 150, used day 198, expires day 203
 *  - gone: made day 20, expired day 50
 *  - dead: made day 30, revoked
 */
async function seed() {
  await t.createUser('root', { role: 'admin' });
  await t.createUser('alice');
  await t.createUser('bob');
  // Sessions last a week, so each step signs in again at its own moment.
  const make = async (owner: string, name: string, madeOn: number, expiresInDays = 365, environment = 'development') => {
    t.clock.set(at(madeOn));
    return t.createToken(await t.signIn(owner), { name, expiresInDays, environment });
  };
  const use = async (secret: string, onDay: number) => {
    t.clock.set(at(onDay));
    await useToken(secret);
  };
  const ghost = await make('alice', 'ghost', 10);
  const gone = await make('bob', 'gone', 20, 30);
  const dead = await make('bob', 'dead', 30);
  const quarter = await make('alice', 'quarter', 50, 365, 'production');
  const month = await make('bob', 'month', 100, 365, 'staging');
  const soon = await make('alice', 'soon', 150, 53);
  const newbie = await make('bob', 'newbie', 195);
  const fresh = await make('alice', 'fresh', 199, 365, 'production');
  await use(quarter.secret, 100);
  await use(month.secret, 160);
  await use(soon.secret, 198);
  await use(fresh.secret, 199);
  t.clock.set(at(31));
  const bobEarly = await t.signIn('bob');
  expect((await t.request(`/api/api-keys/${dead.apiKey.id}`, { method: 'DELETE', cookie: bobEarly })).status).toBe(204);
  t.clock.set(at(200));
  const admin = { cookie: await t.signIn('root'), user: (await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'root'"))[0]! };
  return { admin, alice: { cookie: await t.signIn('alice') }, bob: { cookie: await t.signIn('bob') }, tokens: { ghost, gone, dead, quarter, month, soon, newbie, fresh } };
}

const names = (list: AdminApiKeyList) => list.data.map((key) => key.name);

describe('GET /api/admin/api-keys', () => {
  test('lists every owner’s tokens with the owner and never a secret; the counts are a request of their own', async () => {
    const { admin, tokens } = await seed();
    const res = await t.request('/api/admin/api-keys?limit=200', { cookie: admin.cookie });
    const text = await res.text();
    const list = adminApiKeyListSchema.parse(JSON.parse(text));
    expect(list.data).toHaveLength(8);
    expect(new Set(list.data.map((key) => key.owner.username))).toEqual(new Set(['alice', 'bob']));
    for (const { secret } of Object.values(tokens)) expect(text).not.toContain(secret.slice(-12));
    // A page never pays for counting every match.
    expect(Object.keys(JSON.parse(text) as object).sort()).toEqual(['data', 'nextCursor']);

    expect(await adminSummary(admin.cookie)).toEqual({
      total: 8,
      owners: 2,
      counts: { neverUsed: 2, unused30: 3, unused90: 2, expiring7: 1, expired: 1, active: 6, all: 8 },
    });
  });

  test('the summary counts the matches and their owners with every filter, the quick views within owner, environment and name', async () => {
    const { admin } = await seed();
    expect(await adminSummary(admin.cookie, '?unusedForDays=30')).toMatchObject({ total: 3, owners: 2 });
    expect(await adminSummary(admin.cookie, '?unusedForDays=90&owner=Alice')).toEqual({
      total: 2,
      owners: 1,
      counts: { neverUsed: 1, unused30: 2, unused90: 2, expiring7: 1, expired: 0, active: 4, all: 4 },
    });
    expect(await adminSummary(admin.cookie, '?status=revoked&environment=production')).toMatchObject({ total: 0, owners: 0 });
    expect(await adminSummary(admin.cookie, '?q=OO&neverUsed=true')).toMatchObject({ total: 0, owners: 0, counts: { all: 1 } });
    expect(await adminSummary(admin.cookie, '?owner=nobody')).toEqual({
      total: 0,
      owners: 0,
      counts: { neverUsed: 0, unused30: 0, unused90: 0, expiring7: 0, expired: 0, active: 0, all: 0 },
    });
  });

  test('filters match the quick-view definitions', async () => {
    const { admin } = await seed();
    const view = async (query: string) => names(await adminList(admin.cookie, `?sort=createdAt&${query}`)).sort();
    expect(await view('status=active&neverUsed=true')).toEqual(['ghost', 'newbie']);
    expect(await view('unusedForDays=30')).toEqual(['ghost', 'month', 'quarter']);
    expect(await view('unusedForDays=90')).toEqual(['ghost', 'quarter']);
    expect(await view('expiringWithinDays=7')).toEqual(['soon']);
    expect(await view('status=expired')).toEqual(['gone']);
    expect(await view('status=revoked')).toEqual(['dead']);
    expect(await view('owner=ALICE&environment=production')).toEqual(['fresh', 'quarter']);
    expect(await view('q=OO')).toEqual(['soon']);

    // The counts stay within owner/environment/q, whatever the status filters say.
    expect(names(await adminList(admin.cookie, '?owner=bob&status=revoked'))).toEqual(['dead']);
    const bobs = await adminSummary(admin.cookie, '?owner=bob&status=revoked');
    expect(bobs.total).toBe(1);
    expect(bobs.counts).toMatchObject({ neverUsed: 1, unused30: 1, unused90: 0, expired: 1, all: 4 });
  });

  test('sorts by last use with never-used first or last, and by creation and expiry', async () => {
    const { admin } = await seed();
    // Never-used tokens tie on last use (their order among themselves is by id, i.e. arbitrary): shown as "never".
    const order = async (query: string) =>
      (await adminList(admin.cookie, `?status=active&${query}`)).data.map((key) => (key.lastUsedAt ? key.name : 'never'));
    expect(await order('sort=lastUsedAt&order=asc')).toEqual(['never', 'never', 'quarter', 'month', 'soon', 'fresh']);
    expect(await order('sort=lastUsedAt&order=asc&nullsFirst=false')).toEqual(['quarter', 'month', 'soon', 'fresh', 'never', 'never']);
    expect(await order('sort=lastUsedAt&order=desc')).toEqual(['fresh', 'soon', 'month', 'quarter', 'never', 'never']);
    expect(await order('sort=lastUsedAt&order=desc&nullsFirst=true')).toEqual(['never', 'never', 'fresh', 'soon', 'month', 'quarter']);
    const byName = async (query: string) => names(await adminList(admin.cookie, `?status=active&${query}`));
    expect(await byName('sort=createdAt&order=desc')).toEqual(['fresh', 'newbie', 'soon', 'month', 'quarter', 'ghost']);
    expect(await byName('sort=expiresAt&order=asc')).toEqual(['soon', 'ghost', 'quarter', 'month', 'newbie', 'fresh']);
  });

  test('pages with an opaque keyset cursor: every token once, in order, across ties', async () => {
    await t.createUser('root', { role: 'admin' });
    await t.createUser('alice');
    // Ties on purpose: three tokens per instant, some used at the same moment, some never.
    for (let i = 0; i < 12; i += 1) {
      t.clock.set(at(Math.floor(i / 3)));
      const { secret } = await t.createToken(await t.signIn('alice'), { name: `t${i}` });
      if (i % 2 === 0) {
        t.clock.set(at(10 + Math.floor(i / 4)));
        await useToken(secret);
      }
    }
    t.clock.set(at(20));
    const admin = { cookie: await t.signIn('root') };
    for (const sort of ['lastUsedAt&order=asc', 'lastUsedAt&order=desc', 'createdAt&order=desc', 'expiresAt&order=asc']) {
      const all = names(await adminList(admin.cookie, `?sort=${sort}&limit=200`));
      const paged: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: AdminApiKeyList = await adminList(
          admin.cookie,
          `?sort=${sort}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        paged.push(...names(page));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect((await adminSummary(admin.cookie)).total).toBe(12);
      expect(paged).toEqual(all);
    }
  });

  test('rejects a forged cursor and out-of-range limits with 400', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const forged = (key: string, id = 'k1') => `?cursor=${Buffer.from(JSON.stringify([key, id])).toString('base64url')}`;
    for (const query of [forged('2030-13-01 12:00:00+00'), forged('2030-02-30 00:00:00+00'), forged('2030-01-01 00:00:00+00', 'a\u0000b'), '?cursor=bm9wZQ', '?limit=201', '?limit=0', '?sort=name', '?unusedForDays=-1', '?bogus=1']) {
      const res = await t.request(`/api/admin/api-keys${query}`, { cookie: admin.cookie });
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).type).toBe('invalid_request_error');
    }
    // The summary takes the filters only: a sort or a cursor there is a mistake.
    for (const query of ['?sort=lastUsedAt', '?cursor=x', '?limit=5', '?unusedForDays=0', '?bogus=1']) {
      const res = await t.request(`/api/admin/api-keys/summary${query}`, { cookie: admin.cookie });
      expect(res.status, query).toBe(400);
    }
  });
});

describe('admin calls by a member', () => {
  test('always 403, whatever the id or body, and the other user’s token keeps working', async () => {
    const { tokens } = await seed();
    const mallory = await t.signedInUser('mallory');
    const attempts = [
      t.request('/api/admin/api-keys', { cookie: mallory.cookie }),
      t.request('/api/admin/api-keys?owner=alice&bogus=1', { cookie: mallory.cookie }),
      t.request('/api/admin/api-keys/summary', { cookie: mallory.cookie }),
      t.request('/api/admin/api-keys/summary?owner=alice&bogus=1', { cookie: mallory.cookie }),
      revoke(mallory.cookie, { ids: [tokens.fresh.apiKey.id] }),
      revoke(mallory.cookie, { ids: ['does-not-exist'] }),
      revoke(mallory.cookie, { filter: {} }),
      revoke(mallory.cookie, { nonsense: true }),
      t.request('/api/policy', { method: 'PUT', cookie: mallory.cookie, json: {} }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect((await errorOf(res)).type).toBe('permission_error');
    }
    // The owner-scoped API gives a member nothing of someone else's either.
    const read = await t.request(`/api/api-keys/${tokens.fresh.apiKey.id}`, { cookie: mallory.cookie });
    expect(read.status).toBe(404);
    const own = await t.request(`/api/api-keys/${tokens.fresh.apiKey.id}`, { method: 'DELETE', cookie: mallory.cookie });
    expect(own.status).toBe(404);
    await useToken(tokens.fresh.secret);
  });

  test('a token (even an admin’s) cannot call the admin API', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const { secret } = await t.createToken(admin.cookie);
    const res = await t.request('/api/admin/api-keys', { bearer: secret });
    expect(res.status).toBe(403);
    expect((await t.request('/api/admin/api-keys/summary', { bearer: secret })).status).toBe(403);
  });

  test('signed out: 401', async () => {
    expect((await t.request('/api/admin/api-keys')).status).toBe(401);
    expect((await t.request('/api/admin/api-keys/summary')).status).toBe(401);
  });
});

describe('POST /api/admin/api-keys/revoke', () => {
  test('revokes by ids, records who and when, and the secrets stop working', async () => {
    const { admin, tokens } = await seed();
    const ids = [tokens.ghost.apiKey.id, tokens.month.apiKey.id, tokens.dead.apiKey.id];
    const res = await revoke(admin.cookie, { ids });
    expect(res.status).toBe(200);
    // The already revoked one is accepted but not counted.
    expect(bulkRevokeResponseSchema.parse(await res.json())).toEqual({ revoked: 2 });

    const rows = await t.db.query<{ id: string; revoked_by: string; revoked_at: Date }>(
      'SELECT id, revoked_by, revoked_at FROM api_keys WHERE id = ANY($1) AND id <> $2',
      [ids, tokens.dead.apiKey.id],
    );
    expect(rows.map((row) => [row.revoked_by, row.revoked_at.toISOString()])).toEqual([
      [admin.user.id, at(200).toISOString()],
      [admin.user.id, at(200).toISOString()],
    ]);
    expect((await t.request('/api/auth/me', { bearer: tokens.month.secret })).status).toBe(401);
    await useToken(tokens.fresh.secret);

    // Idempotent: again is fine and revokes nothing more.
    expect(bulkRevokeResponseSchema.parse(await (await revoke(admin.cookie, { ids })).json())).toEqual({ revoked: 0 });
  });

  test('all or nothing: one unknown id and nothing is revoked', async () => {
    const { admin, tokens } = await seed();
    const res = await revoke(admin.cookie, { ids: [tokens.ghost.apiKey.id, tokens.fresh.apiKey.id, 'nope'] });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).type).toBe('not_found_error');
    const list = await adminList(admin.cookie, '?status=revoked');
    expect(names(list)).toEqual(['dead']);
    await useToken(tokens.fresh.secret);
  });

  test('validates the body', async () => {
    const admin = await t.signedInUser('root', 'admin');
    for (const json of [{ ids: [] }, { ids: Array.from({ length: 1001 }, (_, i) => `k${i}`) }, {}, { ids: ['a'], filter: {} }]) {
      expect((await revoke(admin.cookie, json)).status).toBe(400);
    }
  });

  test('revokes everything a filter matches, unless the set changed since the admin looked', async () => {
    const { admin, alice, tokens } = await seed();
    const filter = { status: 'active', neverUsed: true };
    const before = await adminSummary(admin.cookie, '?status=active&neverUsed=true');
    expect(before.total).toBe(2);

    // Someone makes another never-used token meanwhile: the admin saw 2, now 3 match.
    await t.createToken(alice.cookie, { name: 'late' });
    const stale = await revoke(admin.cookie, { filter, expectedTotal: before.total });
    expect(stale.status).toBe(422);
    expect((await adminSummary(admin.cookie, '?status=revoked')).total).toBe(1);

    const res = await revoke(admin.cookie, { filter, expectedTotal: 3 });
    expect(bulkRevokeResponseSchema.parse(await res.json())).toEqual({ revoked: 3 });
    expect((await t.request('/api/auth/me', { bearer: tokens.ghost.secret })).status).toBe(401);
    await useToken(tokens.fresh.secret);
    const after = await adminList(admin.cookie, '?status=active');
    expect(after.data.every((key) => apiKeySchema.parse(key).lastUsedAt !== null)).toBe(true);
  });
});
