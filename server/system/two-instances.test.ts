import { beforeAll, describe, expect, test } from 'vitest';
import { csrfHeader } from '../../src/contract/headers';
import { createApiKeyResponseSchema } from '../../src/contract/tokens';
import { meResponseSchema } from '../../src/contract/users';
import { createApp } from '../app';
import { databaseIsExclusive } from '../db/open-database';
import { insertUser } from '../db/users';
import { quietLogger as quiet, sharedHmacSecret as hmacSecret, twoPoolsOnOneDatabase, wallClock as clock } from '../testing/two-instances';
import { hashPassword } from '../users/password';

/**
 * Two instances behind a load balancer: one Postgres database, one KEYLINE_SECRET, no shared memory.
 * Whatever one instance writes, the other must honour on the very next request — no caches, no
 * sticky sessions. Only meaningful on a Postgres server: PGlite is one process by design.
 */

const serverUrl = process.env.DATABASE_URL;
const csrf = { [csrfHeader.name]: csrfHeader.value };

describe.skipIf(!serverUrl)('two instances on one Postgres database (skipped: set DATABASE_URL to a Postgres server to run it)', () => {
  // Two pools, as two processes would have: nothing shared but the database.
  const pools = twoPoolsOnOneDatabase(serverUrl);
  let a: ReturnType<typeof createApp>;
  let b: ReturnType<typeof createApp>;

  beforeAll(async () => {
    // Configured as server/index.ts configures an instance on DATABASE_URL (no credential cache).
    const exclusiveDatabase = databaseIsExclusive({ databaseUrl: serverUrl });
    a = createApp({ db: pools.a, clock, config: { hmacSecret, logger: quiet, exclusiveDatabase } });
    b = createApp({ db: pools.b, clock, config: { hmacSecret, logger: quiet, exclusiveDatabase } });
    await insertUser(pools.a, {
      username: 'alice',
      passwordHash: await hashPassword('alice-password', { N: 1024, r: 8, p: 1 }),
      role: 'member',
      now: clock.now(),
    });
  });

  test('a session from A works on B; a token revoked on A gets 401 on B at the very next request', async () => {
    const signIn = await a.request('/api/session', {
      method: 'POST',
      headers: { ...csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'alice-password' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';

    const meOnB = await b.request('/api/auth/me', { headers: { Cookie: cookie } });
    expect(meOnB.status).toBe(200);
    expect(meResponseSchema.parse(await meOnB.json()).user.username).toBe('alice');

    // Created on B with A's session, used on A and B.
    const created = await b.request('/api/api-keys', {
      method: 'POST',
      headers: { ...csrf, Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'CI', environment: 'production', scopes: ['read:projects'], expiresInDays: 30 }),
    });
    expect(created.status).toBe(201);
    const { apiKey, secret } = createApiKeyResponseSchema.parse(await created.json());
    const bearer = { Authorization: `Bearer ${secret}` };
    expect((await a.request('/api/auth/me', { headers: bearer })).status).toBe(200);
    expect((await b.request('/api/auth/me', { headers: bearer })).status).toBe(200);

    const revoked = await a.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', headers: { ...csrf, Cookie: cookie } });
    expect(revoked.status).toBe(204);
    expect((await b.request('/api/auth/me', { headers: bearer })).status).toBe(401);

    // Signing out on B ends the session on A too.
    expect((await b.request('/api/session', { method: 'DELETE', headers: { ...csrf, Cookie: cookie } })).status).toBe(204);
    expect((await a.request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  test('a person deactivated on A is refused on B at the very next request: session and token alike', async () => {
    const signInAs = async (app: typeof a, username: string) => {
      const res = await app.request('/api/session', {
        method: 'POST',
        headers: { ...csrf, 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: `${username}-password` }),
      });
      expect(res.status).toBe(200);
      return (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    };
    const cheap = { N: 1024, r: 8, p: 1 };
    await insertUser(pools.a, { username: 'root', passwordHash: await hashPassword('root-password', cheap), role: 'admin', now: clock.now() });
    const leaver = await insertUser(pools.a, { username: 'leaver', passwordHash: await hashPassword('leaver-password', cheap), role: 'member', now: clock.now() });
    const adminCookie = await signInAs(a, 'root');
    const leaverCookie = await signInAs(b, 'leaver');
    const created = await b.request('/api/api-keys', {
      method: 'POST',
      headers: { ...csrf, Cookie: leaverCookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'deploy', environment: 'production', scopes: ['read:projects'], expiresInDays: 30 }),
    });
    const { secret } = createApiKeyResponseSchema.parse(await created.json());
    const bearer = { Authorization: `Bearer ${secret}` };
    expect((await b.request('/api/auth/me', { headers: bearer })).status).toBe(200);
    expect((await b.request('/api/auth/me', { headers: { Cookie: leaverCookie } })).status).toBe(200);

    const deactivated = await a.request(`/api/users/${leaver?.id ?? ''}`, {
      method: 'PATCH',
      headers: { ...csrf, Cookie: adminCookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'deactivated' }),
    });
    expect(deactivated.status).toBe(200);
    expect((await b.request('/api/auth/me', { headers: bearer })).status).toBe(401);
    expect((await b.request('/api/auth/me', { headers: { Cookie: leaverCookie } })).status).toBe(401);
  });

  test('a rotation on A ends the old secret on B at once; bearer failures on A count on B', async () => {
    const signIn = await a.request('/api/session', {
      method: 'POST',
      headers: { ...csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'alice-password' }),
    });
    const cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    const created = await a.request('/api/api-keys', {
      method: 'POST',
      headers: { ...csrf, Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Rotated', environment: 'production', scopes: ['read:projects'], expiresInDays: 30 }),
    });
    const { apiKey, secret } = createApiKeyResponseSchema.parse(await created.json());
    const me = (app: typeof a, token: string) => app.request('/api/auth/me', { headers: { Authorization: `Bearer ${token}` } });
    // B has answered this secret before: nothing it kept may outlive the rotation.
    expect((await me(b, secret)).status).toBe(200);
    expect((await me(b, secret)).status).toBe(200);
    const rotated = await a.request(`/api/api-keys/${apiKey.id}/rotate`, {
      method: 'POST',
      headers: { ...csrf, Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ gracePeriod: 'none' }),
    });
    expect(rotated.status).toBe(201);
    const { secret: newSecret } = createApiKeyResponseSchema.parse(await rotated.json());
    expect((await me(b, secret)).status).toBe(401);
    expect((await me(b, newSecret)).status).toBe(200);

    // app.request has no socket: every call shares the "unknown" IP. Failures on A only, until A refuses
    // (the default limit is 30 a minute); then B, which saw none of them, refuses the right token too.
    let failures = 0;
    while (failures < 40 && (await me(a, 'kl_prod_garbage')).status === 401) failures += 1;
    expect(failures).toBeGreaterThan(20);
    expect((await me(b, newSecret)).status).toBe(429);
  });
});
