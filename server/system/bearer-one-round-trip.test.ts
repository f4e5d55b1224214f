import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adminApiKeySummarySchema } from '../../src/contract/admin';
import { csrfHeader } from '../../src/contract/headers';
import { createApiKeyResponseSchema } from '../../src/contract/tokens';
import { createApp } from '../app';
import { openPgDatabase, type Database } from '../db/database';
import { insertUser } from '../db/users';
import { createServerTestDatabase } from '../testing/test-db';
import { hashPassword } from '../users/password';

/**
 * A bearer call on a shared Postgres database is one statement: the caller's failure count and the
 * credential read together. Two instances, two pools: what one writes (a revoke, failed attempts, the
 * tallies behind the admin summary) the other honours on its very next request.
 */

const serverUrl = process.env.DATABASE_URL;
const hmacSecret = Buffer.from('one-round-trip-instances-share-this-0123456789', 'utf8');
const clock = { now: () => new Date() };
const csrf = { [csrfHeader.name]: csrfHeader.value };

describe.skipIf(!serverUrl)('bearer calls in one round trip on two instances (skipped: set DATABASE_URL to a Postgres server)', () => {
  let dbA: Database;
  let dbB: Database;
  let drop: () => Promise<void>;
  let a: ReturnType<typeof createApp>;
  let b: ReturnType<typeof createApp>;
  const sentByB: string[] = [];

  beforeAll(async () => {
    const created = await createServerTestDatabase(serverUrl ?? '');
    drop = created.drop;
    dbA = await openPgDatabase(created.url);
    const plainB = await openPgDatabase(created.url);
    dbB = { ...plainB, query: (sql, params) => (sentByB.push(sql), plainB.query(sql, params)) };
    const quiet = { info: () => undefined, warn: () => undefined, error: console.error };
    const rateLimits = { bearerFailuresPerIp: { limit: 3, windowMs: 60_000 } };
    a = createApp({ db: dbA, clock, config: { hmacSecret, logger: quiet, exclusiveDatabase: false, rateLimits } });
    b = createApp({ db: dbB, clock, config: { hmacSecret, logger: quiet, exclusiveDatabase: false, rateLimits } });
    for (const [username, role] of [['admin', 'admin'], ['alice', 'member']] as const) {
      await insertUser(dbA, { username, passwordHash: await hashPassword(`${username}-password`, { N: 1024, r: 8, p: 1 }), role, now: clock.now() });
    }
  });

  afterAll(async () => {
    await dbA?.close();
    await dbB?.close();
    await drop?.();
  });

  const signIn = async (app: ReturnType<typeof createApp>, username: string) => {
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { ...csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: `${username}-password` }),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const me = (app: ReturnType<typeof createApp>, secret: string) => app.request('/api/auth/me', { headers: { Authorization: `Bearer ${secret}` } });

  test('a token revoked on A is refused by B at the very next request, which is one statement', async () => {
    const cookie = await signIn(a, 'alice');
    const created = await a.request('/api/api-keys', {
      method: 'POST',
      headers: { ...csrf, 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ name: 'ci', environment: 'development', scopes: ['read:projects'], expiresInDays: 30 }),
    });
    const { apiKey, secret } = createApiKeyResponseSchema.parse(await created.json());
    expect((await me(b, secret)).status).toBe(200);
    // Used within the minute: no last-use write, no first use to record. Only the lookup is left.
    sentByB.length = 0;
    expect((await me(b, secret)).status).toBe(200);
    expect(sentByB).toHaveLength(1);
    expect(sentByB[0]).toMatch(/rate_limit_counters[\s\S]*d\.digest/);

    expect((await a.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', headers: { ...csrf, Cookie: cookie } })).status).toBe(204);
    expect((await me(b, secret)).status).toBe(401);
  });

  test('failed bearer attempts counted on A refuse a valid token on B once the window is full', async () => {
    const cookie = await signIn(a, 'alice');
    const created = await a.request('/api/api-keys', {
      method: 'POST',
      headers: { ...csrf, 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ name: 'deploy', environment: 'development', scopes: ['read:projects'], expiresInDays: 30 }),
    });
    const { secret } = createApiKeyResponseSchema.parse(await created.json());
    // The same client address on both instances: the limit is per address, whichever instance counted.
    // Until A refuses (earlier refusals of a revoked token count too): at most the limit of 3, plus one.
    const statuses: number[] = [];
    while (statuses.at(-1) !== 429 && statuses.length < 4) statuses.push((await me(a, `${secret.slice(0, -4)}xxxx`)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
    const refused = await me(b, secret);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/);
  });

  test('the admin summary on B counts what A just created and revoked', async () => {
    const adminCookieA = await signIn(a, 'admin');
    const adminCookieB = await signIn(b, 'admin');
    const summary = async () => adminApiKeySummarySchema.parse(await (await b.request('/api/admin/api-keys/summary', { headers: { Cookie: adminCookieB } })).json());
    const before = await summary();
    const created = await a.request('/api/api-keys', {
      method: 'POST',
      headers: { ...csrf, 'Content-Type': 'application/json', Cookie: adminCookieA },
      body: JSON.stringify({ name: 'tally', environment: 'production', scopes: ['read:projects'], expiresInDays: 30 }),
    });
    const { apiKey } = createApiKeyResponseSchema.parse(await created.json());
    const afterCreate = await summary();
    expect(afterCreate.total).toBe(before.total + 1);
    expect(afterCreate.counts.active).toBe(before.counts.active + 1);
    expect(afterCreate.counts.neverUsed).toBe(before.counts.neverUsed + 1);
    await a.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', headers: { ...csrf, Cookie: adminCookieA } });
    const afterRevoke = await summary();
    expect(afterRevoke.total).toBe(before.total + 1);
    expect(afterRevoke.counts.active).toBe(before.counts.active);
  });
});
