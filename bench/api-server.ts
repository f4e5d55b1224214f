// The API bench's server process: Keyline's app on a scratch in-memory PGlite, and a bare Hono
// "hello" on the same kind of server (@hono/node-server), each on its own loopback port. Driven by
// bench/api.ts over IPC, so that the load generator does not share this process's CPU time.
import { serve } from '@hono/node-server';
import type { PGlite } from '@electric-sql/pglite';
import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import { createApp } from '../server/app';
import { ensureAdminUser } from '../server/users/bootstrap';
import { createPglite, observeWrites, type Database, type Queryable } from '../server/db/database';
import { migrate } from '../server/db/migrations';
import { csrfHeader } from '../src/contract/headers';
import { benchTokensSql } from './lib';

const adminPassword = `bench-${randomBytes(12).toString('hex')}`;

/** Writes to a token's last-used state: statements sent, and rows they actually changed. */
const lastUsedWrites = { statements: 0, rows: 0 };

/** Like server/db/database.ts's wrapPglite, counting UPDATEs of last_used_at by affected rows. */
function countingPglite(pg: PGlite): Database {
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => {
      const result = await q.query<T>(sql, params);
      if (/^\s*UPDATE\s+api_keys\b[\s\S]*\blast_used_at\s*=/i.test(sql)) {
        lastUsedWrites.statements += 1;
        lastUsedWrites.rows += result.affectedRows ?? 0;
      }
      return result.rows;
    },
    exec: async (sql) => {
      await q.exec(sql);
    },
  });
  return { ...wrap(pg), transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))), close: () => pg.close() };
}

const pg = await createPglite();
// Written to only through this object (the seeding included), so the app hears every write, as under `npm start`.
const db = observeWrites(countingPglite(pg));
await migrate(db);
await ensureAdminUser(db, { adminPassword, now: new Date() });
// The configuration `npm start` runs on PGlite: the database is this process's alone.
const app = createApp({
  db,
  clock: { now: () => new Date() },
  config: {
    hmacSecret: randomBytes(32),
    exclusiveDatabase: true,
    logger: { ...console, info: () => {}, warn: () => {} },
    // The bench's one gateway asks far more often than a real one would be allowed to.
    rateLimits: { introspectionsPerCaller: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } },
  },
});

const headers = { 'Content-Type': 'application/json', [csrfHeader.name]: csrfHeader.value };
const signIn = await app.request('/api/session', { method: 'POST', headers, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

async function createToken(name: string, ownerId?: string): Promise<string> {
  const response = await app.request('/api/api-keys', {
    method: 'POST',
    headers: { ...headers, Cookie: cookie },
    body: JSON.stringify({ name, environment: 'development', scopes: ['read:projects'], expiresInDays: 30, ownerId }),
  });
  if (response.status !== 201) throw new Error(`create token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { secret: string }).secret;
}

const loadToken = await createToken('bench load');
const throttleToken = await createToken('bench throttle');
// The resource server's token: of a service account allowed to introspect.
const gatewayAccount = await app.request('/api/service-accounts', {
  method: 'POST',
  headers: { ...headers, Cookie: cookie },
  body: JSON.stringify({ name: 'bench-gateway', permissions: ['introspect'] }),
});
if (gatewayAccount.status !== 201) throw new Error(`service account: ${gatewayAccount.status} ${await gatewayAccount.text()}`);
const gatewayToken = await createToken('bench gateway', ((await gatewayAccount.json()) as { id: string }).id);

const bare = new Hono().get('/hello', (c) => c.text('hello'));
const listening = (server: ReturnType<typeof serve>) =>
  new Promise<number>((resolve) => server.once('listening', () => resolve((server.address() as { port: number }).port)));
const keylineServer = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
const bareServer = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' });
const [keylinePort, barePort] = await Promise.all([listening(keylineServer), listening(bareServer)]);

/** 100,000 tokens in one statement (seconds, not the API's minutes), spread over ten owners. */
async function seedMany(count: number): Promise<void> {
  await db.exec(`
    INSERT INTO users (id, username, password_hash, role, created_at)
    SELECT 'bench-user-' || u, 'bench' || u, 'x', 'member', now() FROM generate_series(1, 9) AS u;
  `);
  await db.query(
    benchTokensSql({
      owner: "CASE WHEN i % 10 = 0 THEN (SELECT id FROM users WHERE username = 'admin') ELSE 'bench-user-' || (i % 10) END",
      name: "'Bench token ' || i",
    }),
    [count],
  );
  await db.exec('ANALYZE');
}

type Request = { id: number; type: 'writes' } | { id: number; type: 'resetWrites' } | { id: number; type: 'seed'; count: number } | { id: number; type: 'exit' };

process.on('message', (message: Request) => {
  const reply = (value: unknown) => process.send!({ id: message.id, value });
  switch (message.type) {
    case 'writes':
      return reply({ ...lastUsedWrites });
    case 'resetWrites':
      lastUsedWrites.statements = 0;
      lastUsedWrites.rows = 0;
      return reply(null);
    case 'seed':
      return void seedMany(message.count).then(() => reply(null));
    case 'exit':
      process.exit(0);
  }
});

process.send!({ id: 0, value: { keylinePort, barePort, loadToken, throttleToken, gatewayToken, cookie } });
