// API: throughput of GET /api/auth/me with a bearer token beside a bare Hono route, the admin list's
// latency with 100,000 tokens, and how often 1,000 authentications write last-used state.
import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { control, get, load, loadInTurns, metric, percentile, progress, root, stop, throughputMetric, type Metric } from './lib';

type Ready = { keylinePort: number; barePort: number; loadToken: string; throttleToken: string; gatewayToken: string; cookie: string };

/**
 * The server's resident memory with 100,000 tokens: measured 962 MiB (in-memory PGlite keeps the
 * database, its WAL and the seeding's work memory in a WebAssembly heap that never shrinks). A fifth
 * above that: a regression shows, the machine's noise does not (ADR 019).
 */
const rssBudgetMiB = 1152;

/** A process's resident set in MiB, from /proc (Linux); NaN elsewhere. */
async function residentMiB(pid: number | undefined): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

export async function benchApi(): Promise<Metric[]> {
  const child = fork(path.join(root, 'bench', 'api-server.ts'), [], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const readyMessage = new Promise<Ready>((resolve, reject) => {
    child.on('message', (message: { id: number; value: unknown }) => {
      if (message.id === 0) resolve(message.value as Ready);
    });
    child.once('exit', (code) => reject(new Error(`the API bench server exited with ${code}`)));
  });
  const ask = control(child);
  try {
    const ready = await readyMessage;
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

    // Warm both up (JIT, PGlite caches), then measure each in turn with the same client.
    await load(ready.barePort, '/hello', {}, { maxMs: 1_000 });
    await load(ready.keylinePort, '/api/auth/me', bearer(ready.loadToken), { maxMs: 1_000 });
    progress('api: throughput');
    // Introspection: a gateway's token asks about the load token, as a form (RFC 7662), needing a scope it holds.
    const introspection = {
      headers: { ...bearer(ready.gatewayToken), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: ready.loadToken, required_scope: 'read:projects' }).toString(),
    };
    await load(ready.keylinePort, '/api/oauth/introspect', introspection.headers, { maxMs: 1_000, body: introspection.body });
    const [bare, me, introspect] = await loadInTurns([
      { port: ready.barePort, urlPath: '/hello', headers: {} },
      { port: ready.keylinePort, urlPath: '/api/auth/me', headers: bearer(ready.loadToken) },
      { port: ready.keylinePort, urlPath: '/api/oauth/introspect', headers: introspection.headers, body: introspection.body },
    ]);
    if (me.failed > 0) throw new Error(`GET /api/auth/me: ${me.failed} answers were not 200`);
    if (introspect.failed > 0) throw new Error(`POST /api/oauth/introspect: ${introspect.failed} answers were not 200`);

    progress('api: 1,000 authentications');
    // 1,000 authentications of one (fresh, never used) token, within a minute.
    await ask({ type: 'resetWrites' });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const t0 = performance.now();
    for (let i = 0; i < 1000; i += 4) {
      const statuses = await Promise.all(Array.from({ length: 4 }, () => get(agent, ready.keylinePort, '/api/auth/me', bearer(ready.throttleToken))));
      if (statuses.some((s) => s !== 200)) throw new Error(`token authentication answered ${statuses.join(', ')}`);
    }
    const authMs = performance.now() - t0;
    agent.destroy();
    const writes = await ask<{ statements: number; rows: number }>({ type: 'writes' });

    // The admin review's first page with 100,000 tokens in the database.
    progress('api: seeding 100,000 tokens');
    const seedT0 = performance.now();
    await ask({ type: 'seed', count: 100_000 });
    const seedMs = performance.now() - seedT0;
    progress('api: admin list');
    const listAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    /** 50 timed requests after 10 to warm up, one at a time: p50 and p95 in ms. */
    const latency = async (urlPath: string) => {
      const timings: number[] = [];
      for (let i = 0; i < 60; i += 1) {
        const t = performance.now();
        const status = await get(listAgent, ready.keylinePort, urlPath, { Cookie: ready.cookie });
        if (status !== 200) throw new Error(`GET ${urlPath} answered ${status}`);
        if (i >= 10) timings.push(performance.now() - t);
      }
      timings.sort((a, b) => a - b);
      return { p50: percentile(timings, 50), p95: percentile(timings, 95) };
    };
    const { p50, p95 } = await latency('/api/admin/api-keys');
    // The review's numbers (total, owners, quick-view counts) are their own request since the page stopped
    // counting, read from tallies the triggers keep. The page loads it beside the rows, which never wait for it.
    progress('api: admin summary');
    const summary = await latency('/api/admin/api-keys/summary');
    listAgent.destroy();
    const rss = await residentMiB(child.pid);

    const bareRoute = { rps: bare.rps, name: 'bare Hono route' };
    return [
      throughputMetric('GET /api/auth/me (bearer) throughput', me, bareRoute, 0.9, `${me.done} vs ${bare.done} requests in five 1-second turns each, taken in alternation, 8 keep-alive connections`),
      throughputMetric(
        'POST /api/oauth/introspect throughput',
        introspect,
        bareRoute,
        0.5,
        `${introspect.done} requests in five 1-second turns: two token checks each (the caller's and the one asked about), usage counted`,
      ),
      metric({ name: 'admin list p50 (100k tokens)', value: p50, unit: 'ms', budget: '—', baseline: null, pass: null, note: `seeded in ${Math.round(seedMs)} ms` }),
      metric({ name: 'admin list p95 (100k tokens)', value: p95, unit: 'ms', budget: '≤ 50 ms', baseline: null, ratio: p95 / 50, pass: p95 <= 50, note: '50 requests, one page of 50' }),
      metric({ name: 'admin summary p50 (100k tokens)', value: summary.p50, unit: 'ms', budget: '—', baseline: null, pass: null, note: 'GET /api/admin/api-keys/summary, no filters' }),
      metric({
        name: 'admin summary p95 (100k tokens)',
        value: summary.p95,
        unit: 'ms',
        budget: '≤ 50 ms',
        baseline: null,
        ratio: summary.p95 / 50,
        pass: summary.p95 <= 50,
        note: 'total, owners and quick-view counts from the tallies of migration 17 (sums of day buckets, range counts within a day)',
      }),
      metric({
        name: 'server RSS (100k tokens)',
        value: rss,
        unit: 'MiB',
        budget: `≤ ${rssBudgetMiB} MiB`,
        baseline: null,
        ratio: rss / rssBudgetMiB,
        pass: Number.isNaN(rss) ? null : rss <= rssBudgetMiB,
        note: 'resident memory of the app (in-memory PGlite, tsx) after seeding and the admin requests; docs/decisions/019-pages-performance.md',
      }),
      metric({
        name: 'last-used writes per 1,000 token auths',
        value: writes.rows,
        unit: 'rows',
        budget: '≤ 1',
        baseline: null,
        ratio: writes.rows / 1,
        pass: writes.rows <= 1 && authMs < 60_000,
        note: `${writes.statements} UPDATE statements sent, in ${Math.round(authMs)} ms`,
      }),
    ];
  } finally {
    if (child.connected) child.send({ id: -1, type: 'exit' });
    await stop(child);
  }
}
