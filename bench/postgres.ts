// Postgres: what several instances on one database server pay. Bearer `GET /api/auth/me` beside the same
// route unauthenticated on the same instance, statements per bearer call, introspection, a revoke seen by a
// second instance on its very next request, and the admin review, the owner's list, name search and the
// expiry scan with 1,000,000 tokens across 10,000 owners.
//
// The database: KEYLINE_BENCH_DATABASE_URL (a scratch database is created on it and dropped), else a
// throwaway cluster started here as .ci/run starts one (loopback, fsync off, removed on exit), else the
// section is reported as skipped. Run as a child of itself (`--serve`): the app's process is not the load generator's.
import { execFileSync, fork, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { benchTokensSql, control, freePort, get, load, loadInTurns, metric, p95Metric, percentile, progress, root, stop, throughputMetric, type Metric } from './lib';

const tokenCount = Number(process.env.KEYLINE_BENCH_PG_TOKENS ?? 1_000_000);
const ownerCount = 10_000;
/** The admin owns this many: the owner's list is measured on them. */
const bigOwnerTokens = 10_000;

type Ready = { portA: number; portB: number; floorPort: number; loadToken: string; gatewayToken: string; cookie: string; hasStatements: boolean };

/** A database server for the section, or why there is none. */
async function databaseServer(): Promise<{ url: string; close: () => Promise<void> } | { skipped: string }> {
  const given = process.env.KEYLINE_BENCH_DATABASE_URL;
  if (given) return { url: given, close: async () => {} };
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)) : [];
  const version = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (!version) return { skipped: 'no KEYLINE_BENCH_DATABASE_URL and no PostgreSQL binaries in /usr/lib/postgresql' };
  const bin = `/usr/lib/postgresql/${version}/bin`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'keyline-bench-pg-'));
  // initdb refuses root: as .ci/run, the cluster belongs to the postgres user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chown(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const run = (command: string, args: string[]) => {
    const result = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', `${bin}/${command}`, ...args]) : spawnSync(`${bin}/${command}`, args);
    if (result.status !== 0) throw new Error(`${command}: ${result.stderr.toString()}`);
  };
  const port = await freePort();
  run('initdb', ['-D', `${dir}/data`, '-U', 'keyline', '--auth=trust', '-E', 'UTF8']);
  // fsync off: thrown away at the end. pg_stat_statements counts what a bearer call sends.
  run('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/server.log`, '-w', '-o', `-k ${dir} -h 127.0.0.1 -p ${port} -c fsync=off -c max_wal_size=4GB -c shared_preload_libraries=pg_stat_statements`, 'start']);
  return {
    url: `postgres://keyline@127.0.0.1:${port}/postgres`,
    close: async () => {
      try {
        run('pg_ctl', ['-D', `${dir}/data`, '-m', 'immediate', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

export async function benchPostgres(): Promise<Metric[]> {
  const server = await databaseServer();
  if ('skipped' in server) {
    progress(`postgres: skipped (${server.skipped})`);
    return [metric({ name: 'postgres section', value: NaN, unit: '', budget: 'skipped', baseline: null, pass: null, note: server.skipped })];
  }
  // A scratch database: never the given one's tables.
  const name = `keyline_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const child = fork(path.join(root, 'bench', 'postgres.ts'), ['--serve'], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, KEYLINE_BENCH_PG_URL: url.toString() },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = control(child);
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.on('message', (message: { id: number; value: unknown }) => message.id === 0 && resolve(message.value as Ready));
      child.once('exit', (code) => reject(new Error(`the Postgres bench server exited with ${code}`)));
    });
    return await measure(ready, ask);
  } finally {
    if (child.connected) child.send({ id: -1, type: 'exit' });
    await stop(child);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await server.close();
  }
}

async function measure(ready: Ready, ask: ReturnType<typeof control>): Promise<Metric[]> {
  const bearer = { Authorization: `Bearer ${ready.loadToken}` };
  const introspection = {
    headers: { Authorization: `Bearer ${ready.gatewayToken}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: ready.loadToken, required_scope: 'read:projects' }).toString(),
  };
  progress('postgres: throughput');
  // The same route on the same instance, without credentials: everything but the bearer check (401, no query).
  await load(ready.portA, '/api/auth/me', {}, { maxMs: 1_000, status: 401 });
  await load(ready.portA, '/api/auth/me', bearer, { maxMs: 1_000 });
  await load(ready.floorPort, '/one-round-trip', {}, { maxMs: 1_000 });
  const [bare, me, introspect, floorBare, floorOne] = await loadInTurns([
    { port: ready.portA, urlPath: '/api/auth/me', headers: {}, status: 401 },
    { port: ready.portA, urlPath: '/api/auth/me', headers: bearer },
    { port: ready.portA, urlPath: '/api/oauth/introspect', headers: introspection.headers, body: introspection.body },
    { port: ready.floorPort, urlPath: '/bare', headers: {} },
    { port: ready.floorPort, urlPath: '/one-round-trip', headers: {} },
  ]);
  if (me.failed > 0) throw new Error(`GET /api/auth/me: ${me.failed} answers were not 200`);
  if (introspect.failed > 0) throw new Error(`POST /api/oauth/introspect: ${introspect.failed} answers were not 200`);

  // Statements per successful bearer call: 200 calls one after another, the token used within the last minute.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  await ask({ type: 'resetStatements' });
  for (let i = 0; i < 200; i += 1) if ((await get(agent, ready.portA, '/api/auth/me', bearer)) !== 200) throw new Error('bearer call refused');
  const statements = await ask<{ sent: number; server: number | null; meanExecMs: number | null }>({ type: 'statements' });

  // A revoke on instance A, then the very next request on instance B.
  const revoke = await ask<{ beforeB: number; afterB: number; afterA: number }>({ type: 'revokeCheck', port: ready.portA });
  const revokeSeen = revoke.beforeB === 200 && revoke.afterB === 401 && revoke.afterA === 401;

  progress(`postgres: seeding ${tokenCount.toLocaleString('en')} tokens`);
  const seed = await ask<{ ms: number; analyzeMs: number }>({ type: 'seed', count: tokenCount });
  progress('postgres: latencies');
  const cookie = { Cookie: ready.cookie };
  /** 50 timed requests after 10 to warm up, one at a time: p50 and p95 in ms. */
  const latency = async (urlPath: string) => {
    const timings: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      const t = performance.now();
      const status = await get(agent, ready.portA, urlPath, cookie);
      if (status !== 200) throw new Error(`GET ${urlPath} answered ${status}`);
      if (i >= 10) timings.push(performance.now() - t);
    }
    timings.sort((a, b) => a - b);
    return { p50: percentile(timings, 50), p95: percentile(timings, 95) };
  };
  const list = await latency('/api/admin/api-keys');
  const summary = await latency('/api/admin/api-keys/summary');
  const ownList = await latency('/api/api-keys?sort=lastUsedAt&order=desc');
  const search = await latency('/api/admin/api-keys?q=ploy%2012345');
  const ownSearch = await latency('/api/api-keys?q=ploy%201234');
  const passMs = await ask<number>({ type: 'summaryByPass' });
  const scan = await ask<{ ms: number; announced: number }>({ type: 'expiryScan' });
  agent.destroy();

  const at = `${tokenCount.toLocaleString('en')} tokens`;
  const p95 = (label: string, value: { p50: number; p95: number }, limit: number, note: string) => p95Metric(`${label} p95 (${at})`, value, limit, note);
  const unauthenticated = { rps: bare.rps, name: 'same route unauthenticated' };
  return [
    throughputMetric(
      'PG GET /api/auth/me (bearer) throughput',
      me,
      unauthenticated,
      0.5,
      `${me.done} vs ${bare.done} requests in five 1-second turns each, taken in alternation, 8 keep-alive connections, one instance on a Postgres server`,
    ),
    throughputMetric(
      'PG floor: bare Hono route + one statement',
      floorOne,
      { rps: floorBare.rps, name: 'bare Hono route' },
      null,
      `the most any call with one round trip can reach here: ${floorOne.done} vs ${floorBare.done} requests in five 1-second turns, one parameterised SELECT each`,
    ),
    metric({
      name: 'PG round trips per bearer call',
      value: statements.sent / 200,
      unit: 'stmts',
      budget: '1 (goal)',
      baseline: null,
      ratio: statements.sent / 200,
      pass: statements.sent / 200 <= 1.05,
      note: `${statements.sent} statements sent for 200 calls${statements.server === null ? '' : `; pg_stat_statements counted ${statements.server}, executing each in ${Math.round((statements.meanExecMs ?? 0) * 1000)} µs on average`}`,
    }),
    throughputMetric(
      'PG POST /api/oauth/introspect throughput',
      introspect,
      unauthenticated,
      null,
      'two token checks each (the caller, one round trip with its failure count; the token asked about, one)',
    ),
    metric({
      name: 'PG revoke on A refused by B on the next request',
      value: revokeSeen ? 1 : 0,
      unit: '',
      budget: 'yes',
      baseline: null,
      pass: revokeSeen,
      note: `B before: ${revoke.beforeB}, B after: ${revoke.afterB}, A after: ${revoke.afterA}`,
    }),
    metric({ name: `PG seeding ${at}`, value: seed.ms / 1000, unit: 's', budget: '≤ 120 s', baseline: null, ratio: seed.ms / 120_000, pass: seed.ms <= 120_000, note: `one INSERT … generate_series with the tally trigger, the indexes built after it, then ANALYZE (${Math.round(seed.analyzeMs)} ms)` }),
    p95('PG admin list', list, 50, 'first page of 50, stalest first'),
    p95('PG admin summary', summary, 100, `tallies; the pass over every token took ${Math.round(passMs)} ms`),
    p95('PG own list', ownList, 50, `an owner with ${bigOwnerTokens.toLocaleString('en')} tokens, last used first`),
    p95('PG admin name search', search, 50, 'q=ploy 12345 over every token (trigram index)'),
    p95('PG own name search', ownSearch, 50, `q=ploy 1234 within ${bigOwnerTokens.toLocaleString('en')} tokens`),
    metric({ name: `PG expiry scan pass (${at})`, value: scan.ms, unit: 'ms', budget: 'info', baseline: null, pass: null, note: `every threshold, an hour after the previous pass: ${scan.announced} announced` }),
  ];
}

/** The child: instances A and B of the app on the same database, each with its own pool. */
async function serve(): Promise<void> {
  const { serve: listen } = await import('@hono/node-server');
  const { createApp } = await import('../server/app');
  const { openPgDatabase } = await import('../server/db/database');
  const { migrate } = await import('../server/db/migrations');
  const { ensureAdminUser } = await import('../server/users/bootstrap');
  const { scanExpiryThreshold } = await import('../server/db/events');
  const { summarizeByPass } = await import('../server/db/admin-api-keys');
  const { expiryThresholdDays } = await import('../src/contract/events');
  const { csrfHeader } = await import('../src/contract/headers');
  const url = process.env.KEYLINE_BENCH_PG_URL!;

  let sent = 0;
  const plain = await openPgDatabase(url);
  // Counts what instance A sends: a transaction is its statements plus BEGIN and COMMIT.
  const counted = {
    ...plain,
    query: <T>(sql: string, params?: unknown[]) => ((sent += 1), plain.query<T>(sql, params)),
    exec: (sql: string) => ((sent += 1), plain.exec(sql)),
    transaction: <T>(fn: Parameters<typeof plain.transaction<T>>[0]) =>
      ((sent += 2),
      plain.transaction<T>((tx) => fn({ query: (sql, params) => ((sent += 1), tx.query(sql, params)), exec: (sql) => ((sent += 1), tx.exec(sql)) }))),
  };
  await migrate(plain);
  const adminPassword = `bench-${randomBytes(12).toString('hex')}`;
  await ensureAdminUser(plain, { adminPassword, now: new Date() });
  const hasStatements = (await plain.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'pg_stat_statements'`))[0]!.n > 0;
  let statementsReady = false;
  if (hasStatements) {
    statementsReady = await plain.exec('CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()').then(
      () => true,
      () => false,
    );
  }
  const hmacSecret = randomBytes(32);
  const config = {
    hmacSecret,
    exclusiveDatabase: false,
    logger: { ...console, info: () => {}, warn: () => {} },
    rateLimits: { introspectionsPerCaller: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } },
  };
  const appA = createApp({ db: counted, clock: { now: () => new Date() }, config });
  const dbB = await openPgDatabase(url);
  const appB = createApp({ db: dbB, clock: { now: () => new Date() }, config });

  const headers = { 'Content-Type': 'application/json', [csrfHeader.name]: csrfHeader.value };
  const signIn = await appA.request('/api/session', { method: 'POST', headers, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
  if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const createToken = async (name: string, ownerId?: string) => {
    const response = await appA.request('/api/api-keys', {
      method: 'POST',
      headers: { ...headers, Cookie: cookie },
      body: JSON.stringify({ name, environment: 'development', scopes: ['read:projects'], expiresInDays: 30, ownerId }),
    });
    if (response.status !== 201) throw new Error(`create token: ${response.status} ${await response.text()}`);
    return (await response.json()) as { secret: string; apiKey: { id: string } };
  };
  const loadToken = (await createToken('bench load')).secret;
  const gatewayAccount = await appA.request('/api/service-accounts', {
    method: 'POST',
    headers: { ...headers, Cookie: cookie },
    body: JSON.stringify({ name: 'bench-gateway', permissions: ['introspect'] }),
  });
  if (gatewayAccount.status !== 201) throw new Error(`service account: ${gatewayAccount.status} ${await gatewayAccount.text()}`);
  const gatewayToken = (await createToken('bench gateway', ((await gatewayAccount.json()) as { id: string }).id)).secret;

  // The floor of any design with one round trip per call: a bare Hono route beside the same route sending one
  // parameterised statement (extended protocol, as the bearer lookup) through its own pool, same server kind.
  const { Hono } = await import('hono');
  const floorDb = await openPgDatabase(url);
  const floor = new Hono()
    .get('/bare', (c) => c.text('ok'))
    .get('/one-round-trip', async (c) => {
      await floorDb.query('SELECT $1::int AS one', [1]);
      return c.text('ok');
    });

  const listening = (s: ReturnType<typeof listen>) => new Promise<number>((resolve) => s.once('listening', () => resolve((s.address() as { port: number }).port)));
  const [portA, portB, floorPort] = await Promise.all([
    listening(listen({ fetch: appA.fetch, port: 0, hostname: '127.0.0.1' })),
    listening(listen({ fetch: appB.fetch, port: 0, hostname: '127.0.0.1' })),
    listening(listen({ fetch: floor.fetch, port: 0, hostname: '127.0.0.1' })),
  ]);

  async function revokeCheck() {
    const { secret, apiKey } = await createToken(`bench revoke ${randomBytes(3).toString('hex')}`);
    const me = (port: number) => fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { Authorization: `Bearer ${secret}` } }).then((r) => r.status);
    const beforeB = await me(portB);
    const revoked = await fetch(`http://127.0.0.1:${portA}/api/api-keys/${apiKey.id}`, { method: 'DELETE', headers: { ...headers, Cookie: cookie } });
    if (!revoked.ok) throw new Error(`revoke: ${revoked.status}`);
    return { beforeB, afterB: await me(portB), afterA: await me(portA) };
  }

  /** Tokens in one statement (events for them are not the point: their per-row trigger is off while seeding). */
  async function seed(count: number) {
    const t0 = performance.now();
    await plain.exec(`
      INSERT INTO users (id, username, password_hash, role, created_at)
      SELECT 'bench-owner-' || u, 'bench-owner-' || u, 'x', 'member', now() FROM generate_series(1, ${ownerCount - 1}) AS u;
      ALTER TABLE api_keys DISABLE TRIGGER api_keys_lifecycle_events;
    `);
    // A bulk load builds the indexes afterwards (one sorted build each, not a million inserts into each):
    // those that back no constraint are dropped here and made again from their own definitions.
    const indexes = await plain.query<{ name: string; definition: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i WHERE i.indrelid = 'api_keys'::regclass
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    );
    for (const index of indexes) await plain.exec(`DROP INDEX ${index.name}`);
    await plain.query(
      benchTokensSql({
        owner: `CASE WHEN i <= ${bigOwnerTokens} THEN (SELECT id FROM users WHERE username = 'admin') ELSE 'bench-owner-' || (1 + i % ${ownerCount - 1}) END`,
        name: 'n',
        activeName: 'CASE WHEN i % 20 = 0 THEN NULL ELSE lower(n) END',
        from: ", LATERAL (SELECT (ARRAY['deploy', 'ci', 'backup', 'metrics', 'billing'])[1 + i % 5] || ' ' || i AS n) AS names",
      }),
      [count],
    );
    await plain.exec('ALTER TABLE api_keys ENABLE TRIGGER api_keys_lifecycle_events');
    for (const index of indexes) await plain.exec(index.definition);
    const t1 = performance.now();
    await plain.exec('ANALYZE');
    return { ms: performance.now() - t0, analyzeMs: performance.now() - t1 };
  }

  async function expiryScan() {
    const now = new Date();
    const pass = async (at: Date) => {
      let announced = 0;
      for (const [index, daysBefore] of expiryThresholdDays.entries()) {
        const nextDaysBefore = expiryThresholdDays[index + 1] ?? null;
        for (let more = true; more; ) {
          const result = await scanExpiryThreshold(plain, { daysBefore, nextDaysBefore, now: at, batch: 500 });
          announced += result.announced;
          more = result.more;
        }
      }
      return announced;
    };
    await pass(now);
    const t0 = performance.now();
    const announced = await pass(new Date(now.getTime() + 3_600_000));
    return { ms: performance.now() - t0, announced };
  }

  type Request = { id: number; type: 'resetStatements' | 'statements' | 'revokeCheck' | 'seed' | 'summaryByPass' | 'expiryScan' | 'exit'; count?: number };
  process.on('message', (message: Request) => {
    const reply = (value: unknown) => process.send!({ id: message.id, value });
    const fail = (error: unknown) => {
      console.error(error);
      process.exit(1);
    };
    switch (message.type) {
      case 'resetStatements':
        sent = 0;
        return void (statementsReady ? plain.query('SELECT pg_stat_statements_reset()') : Promise.resolve()).then(() => reply(null), fail);
      case 'statements':
        return void (async () => {
          // The calls, and the mean time Postgres spent executing each (planning is done once: prepared).
          const [counted] = statementsReady
            ? await plain.query<{ n: string; mean_ms: number | null }>(
                `SELECT COALESCE(sum(calls), 0) AS n, sum(total_exec_time) / NULLIF(sum(calls), 0) AS mean_ms FROM pg_stat_statements
                 WHERE toplevel AND query NOT LIKE '%pg_stat_statements%' AND query NOT IN ('BEGIN', 'COMMIT')`,
              )
            : [];
          reply({ sent, server: counted ? Number(counted.n) : null, meanExecMs: counted?.mean_ms ?? null });
        })().catch(fail);
      case 'revokeCheck':
        return void revokeCheck().then(reply, fail);
      case 'seed':
        return void seed(message.count!).then(reply, fail);
      case 'summaryByPass':
        return void (async () => {
          const t0 = performance.now();
          await summarizeByPass(plain, {}, new Date());
          reply(performance.now() - t0);
        })().catch(fail);
      case 'expiryScan':
        return void expiryScan().then(reply, fail);
      case 'exit':
        return void Promise.all([plain.close(), dbB.close(), floorDb.close()]).finally(() => process.exit(0));
    }
  });
  process.send!({ id: 0, value: { portA, portB, floorPort, loadToken, gatewayToken, cookie, hasStatements: statementsReady } satisfies Ready });
}

if (process.argv.includes('--serve')) await serve();
