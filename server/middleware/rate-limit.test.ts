import { describe, expect, test } from 'vitest';
import { csrfHeader } from '../../src/contract/headers';
import { apiKeyEventListSchema } from '../../src/contract/lifecycle';
import { apiKeyListSchema } from '../../src/contract/tokens';
import { createApp } from '../app';
import { observeWrites } from '../db/database';
import { errorOf, testStart, useTestApp } from '../testing/test-app';

// Low limits so a test reaches them in a few calls; windows as in production.
const minute = 60 * 1000;
const hour = 60 * minute;
const t = useTestApp({
  rateLimits: {
    bearerFailuresPerIp: { limit: 3, windowMs: minute },
    signInFailuresPerUsernameAndIp: { limit: 3, windowMs: minute },
    signInFailuresPerIp: { limit: 5, windowMs: minute },
    tokenCreationsPerUser: { limit: 3, windowMs: hour },
    tokenChecksPerIp: { limit: 3, windowMs: minute },
  },
});

async function expectRateLimited(res: Response, retryAfterSeconds: number) {
  expect(res.status).toBe(429);
  expect(res.headers.get('Retry-After')).toBe(String(retryAfterSeconds));
  expect((await errorOf(res)).type).toBe('rate_limit_error');
}

const signIn = (username: string, password: string) => t.request('/api/session', { method: 'POST', json: { username, password } });

describe('failed bearer authentications per IP', () => {
  test('are limited, a valid token included, until the window ends', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    // Windows are aligned to the minute; 15 s in, 45 s remain.
    t.clock.set(new Date(testStart.getTime() + 15_000));
    const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    let attempts = 0;
    let res: Response;
    do {
      res = await t.request('/api/auth/me', { bearer: attempts % 2 ? wrong : 'kl_prod_garbage' });
      attempts += 1;
    } while (res.status === 401 && attempts < 10);
    expect(attempts).toBe(4);
    await expectRateLimited(res, 45);
    // No oracle: the right token is refused the same way while the window is full.
    await expectRateLimited(await t.request('/api/auth/me', { bearer: secret }), 45);
    // A session in the same browser is not a bearer authentication: unaffected.
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(200);

    t.clock.advance(44_000);
    await expectRateLimited(await t.request('/api/auth/me', { bearer: secret }), 1);
    t.clock.advance(1_000);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
  });

  test('successful bearer calls do not count', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    for (let i = 0; i < 6; i += 1) expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
  });
});

describe('sign-in attempts', () => {
  test('failures per username and IP are limited; the right password then still gets 429 (no oracle)', async () => {
    await t.createUser('alice');
    t.clock.set(new Date(testStart.getTime() + 50_000));
    let attempts = 0;
    let res: Response;
    do {
      res = await signIn(attempts % 2 ? 'ALICE' : 'alice', 'wrong');
      attempts += 1;
    } while (res.status === 401 && attempts < 10);
    expect(attempts).toBe(4);
    await expectRateLimited(res, 10);
    const right = await signIn('alice', 'alice-password');
    await expectRateLimited(right, 10);
    expect(right.headers.get('Set-Cookie')).toBeNull();

    // Another user from the same IP is under the per-IP limit still.
    await t.createUser('bob');
    expect((await signIn('bob', 'bob-password')).status).toBe(200);

    t.clock.advance(10_000);
    expect((await signIn('alice', 'alice-password')).status).toBe(200);
  });

  test('successful sign-ins do not count', async () => {
    await t.createUser('alice');
    for (let i = 0; i < 6; i += 1) expect((await signIn('alice', 'alice-password')).status).toBe(200);
  });

  test('failures across usernames from one IP are limited too (password spraying)', async () => {
    await t.createUser('zoe');
    const statuses = [];
    for (const username of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']) statuses.push((await signIn(username, 'Summer2030!')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    await expectRateLimited(await signIn('zoe', 'zoe-password'), 60);
  });
});

describe('token creation per user', () => {
  test('creates and rotations share a budget per hour; over it is a 429 that creates nothing', async () => {
    const alice = await t.signedInUser('alice');
    t.clock.set(new Date(testStart.getTime() + 30 * minute));
    const first = await t.createToken(alice.cookie, { name: 'one' });
    await t.createToken(alice.cookie, { name: 'two' });
    const rotate = await t.request(`/api/api-keys/${first.apiKey.id}/rotate`, {
      method: 'POST',
      cookie: alice.cookie,
      json: { gracePeriod: 'none' },
    });
    expect(rotate.status).toBe(201);
    const over = await t.request('/api/api-keys', {
      method: 'POST',
      cookie: alice.cookie,
      json: { name: 'four', environment: 'production', scopes: ['read:projects'], expiresInDays: 30 },
    });
    await expectRateLimited(over, 30 * 60);
    const names = apiKeyListSchema.parse(await (await t.request('/api/api-keys', { cookie: alice.cookie })).json()).data.map((k) => k.name);
    expect(names.sort()).toEqual(['one', 'two']); // a rotation keeps its token, with a new secret

    // Per user: someone else is not affected.
    const bob = await t.signedInUser('bob');
    await t.createToken(bob.cookie);

    t.clock.advance(30 * minute);
    await t.createToken(alice.cookie, { name: 'four' });
  });
});

describe('with the database this process\'s alone (PGlite, as npm start runs it)', () => {
  test('the check before each bearer call is answered from memory, failures included', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const app = createApp({ db: t.db, clock: t.clock, config: { ...t.config, exclusiveDatabase: true, logger: t.logger } });
    const me = (bearer: string) => app.request('/api/auth/me', { headers: { Authorization: `Bearer ${bearer}` } });
    const realQuery = t.db.query.bind(t.db);
    const counterReads: string[] = [];
    t.db.query = async <T>(sql: string, params?: unknown[]) => {
      if (sql.startsWith('SELECT count FROM rate_limit_counters')) counterReads.push(sql);
      return realQuery<T>(sql, params);
    };
    try {
      for (let i = 0; i < 5; i += 1) expect((await me(secret)).status).toBe(200);
      expect(counterReads).toHaveLength(1); // the first check of this IP's window
      // A failure writes the counter; its count is kept, and the next checks still refuse at the limit.
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await me('kl_prod_garbage')).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect((await me(secret)).status).toBe(429);
      expect(counterReads).toHaveLength(1);
    } finally {
      t.db.query = realQuery;
    }
  });

  test('a change to the counters made outside the limiter is heard', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    // Observed as under `npm start` (on the Postgres test pass, t.db is not).
    const db = observeWrites(t.db);
    const app = createApp({ db, clock: t.clock, config: { ...t.config, exclusiveDatabase: true, logger: t.logger } });
    const me = (bearer: string) => app.request('/api/auth/me', { headers: { Authorization: `Bearer ${bearer}` } });
    for (let i = 0; i < 3; i += 1) await me('kl_prod_garbage');
    expect((await me(secret)).status).toBe(429);
    await db.exec('DELETE FROM rate_limit_counters');
    expect((await me(secret)).status).toBe(200);
  });
});

describe('token checks per IP', () => {
  test('every check counts, concurrent ones included; over the limit is a 429 with Retry-After that checks nothing', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    t.clock.set(new Date(testStart.getTime() + 15_000));
    const check = (token: string) => t.request('/api/token-checks', { method: 'POST', cookie, json: { token } });
    const guesses = await Promise.all(Array.from({ length: 6 }, (_, i) => check(`kl_prod_guess${i}`)));
    expect(guesses.map((res) => res.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = await check(secret);
    await expectRateLimited(refused, 45);
    // Another signed-in user from the same address shares the budget: the address is what guesses.
    const bob = await t.signedInUser('bob');
    await expectRateLimited(await t.request('/api/token-checks', { method: 'POST', cookie: bob.cookie, json: { token: secret } }), 45);
    t.clock.advance(45_000);
    expect((await check(secret)).status).toBe(200);
  });
});

describe('kept in the database', () => {
  test('two instances on one database share the counts', async () => {
    await t.createUser('alice');
    const other = createApp({ db: t.db, clock: t.clock, config: { ...t.config, logger: t.logger } });
    const failOn = (app: typeof other) =>
      app.request('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [csrfHeader.name]: csrfHeader.value },
        body: JSON.stringify({ username: 'alice', password: 'wrong' }),
      });
    expect((await failOn(t.app)).status).toBe(401);
    expect((await failOn(other)).status).toBe(401);
    expect((await failOn(t.app)).status).toBe(401);
    // The other instance runs the default limits (10 per username and IP): still counted in the shared table.
    const [row] = await t.db.query<{ count: number }>(
      "SELECT count FROM rate_limit_counters WHERE bucket = 'signInFailuresPerUsernameAndIp'",
    );
    expect(row?.count).toBe(3);
    await expectRateLimited(await signIn('alice', 'alice-password'), 60);
  });

  test('ended windows are deleted when a new window opens', async () => {
    await t.createUser('alice');
    await signIn('alice', 'wrong');
    await signIn('bob', 'wrong');
    const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rate_limit_counters'))[0]?.n;
    expect(await count()).toBe(3); // alice+IP, bob+IP, IP
    // Keys are hashed: no usernames (or IPs) at rest.
    const keys = await t.db.query<{ key: string }>('SELECT key FROM rate_limit_counters');
    expect(keys.every(({ key }) => /^[0-9a-f]{64}$/.test(key))).toBe(true);
    t.clock.advance(minute);
    await signIn('alice', 'wrong');
    expect(await count()).toBe(2); // this window's alice+IP and IP only
  });
});

describe('behind a load balancer', () => {
  const balancer = '10.0.0.2';
  // What @hono/node-server passes the app: the socket the request came in on.
  const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress, remotePort: 40000, remoteFamily: 'IPv4' } } });

  test('failures are counted per client, not per balancer, and the timeline shows the client', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret, apiKey } = await t.createToken(cookie);
    const app = createApp({ db: t.db, clock: t.clock, config: { ...t.config, logger: t.logger, trustedProxies: ['10.0.0.0/8'] } });
    const me = (bearer: string, peer: string, forwardedFor?: string) =>
      app.request(
        '/api/auth/me',
        { headers: { Authorization: `Bearer ${bearer}`, ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) } },
        from(peer),
      );

    // Client A fails until refused; client B, through the same balancer, is not affected.
    for (let i = 0; i < 3; i += 1) expect((await me('kl_prod_garbage', balancer, '198.51.100.1')).status).toBe(401);
    expect((await me(secret, balancer, '198.51.100.1')).status).toBe(429);
    expect((await me(secret, balancer, '198.51.100.2')).status).toBe(200);
    // A claims to be someone else: left of the address the balancer appended, so not believed.
    expect((await me(secret, balancer, '198.51.100.9, 198.51.100.1')).status).toBe(429);

    const events = apiKeyEventListSchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}/events`, { cookie })).json());
    expect(events.data.find((event) => event.type === 'first_used')?.ip).toBe('198.51.100.2');
    expect(events.data.find((event) => event.type === 'last_used')?.ip).toBe('198.51.100.2');
  });

  test('an untrusted peer’s forged X-Forwarded-For does not change whose failures it is', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const app = createApp({ db: t.db, clock: t.clock, config: { ...t.config, logger: t.logger, trustedProxies: ['10.0.0.0/8'] } });
    const me = (bearer: string, forwardedFor: string) =>
      app.request('/api/auth/me', { headers: { Authorization: `Bearer ${bearer}`, 'X-Forwarded-For': forwardedFor } }, from('203.0.113.5'));
    for (let i = 0; i < 3; i += 1) expect((await me('kl_prod_garbage', `198.51.100.${i}`)).status).toBe(401);
    expect((await me(secret, '198.51.100.77')).status).toBe(429);
  });
});
