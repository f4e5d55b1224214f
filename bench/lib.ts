import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

/** One line of the table: `baseline` is what the budget is relative to (null: an absolute budget). */
export type Metric = {
  name: string;
  value: number;
  unit: string;
  /** Human-readable budget, e.g. "≤ 1.25× minimal app". */
  budget: string;
  baseline: number | null;
  /** value / baseline (or value / absolute limit). */
  ratio: number | null;
  pass: boolean | null;
  note?: string;
};

export function metric(m: Omit<Metric, 'ratio'> & { ratio?: number | null }): Metric {
  return { ratio: m.ratio ?? (m.baseline ? m.value / m.baseline : null), ...m };
}

/** Throughput held to at least `factor`× a baseline measured in the same run (`factor` null: reported only). */
export function throughputMetric(
  name: string,
  measured: { rps: number },
  baseline: { rps: number; name: string },
  factor: number | null,
  note: string,
): Metric {
  return metric({
    name,
    value: measured.rps,
    unit: 'req/s',
    budget: factor === null ? 'info' : `≥ ${factor}× ${baseline.name}`,
    baseline: baseline.rps,
    pass: factor === null ? null : measured.rps >= factor * baseline.rps,
    note,
  });
}

/** A p95 latency held to an absolute limit; the p50 goes in the note. */
export function p95Metric(name: string, timings: { p50: number; p95: number }, limitMs: number, note: string): Metric {
  return metric({
    name,
    value: timings.p95,
    unit: 'ms',
    budget: `≤ ${limitMs} ms`,
    baseline: null,
    ratio: timings.p95 / limitMs,
    pass: timings.p95 <= limitMs,
    note: `p50 ${timings.p50.toFixed(1)} ms; ${note}`,
  });
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
}

/** `node --import tsx <script>` with output collected (shown when it fails). */
export async function runTsx(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${script} failed (${code}):\n${output}`);
  return output;
}

const benchStart = performance.now();
export function progress(message: string): void {
  process.stderr.write(`[${((performance.now() - benchStart) / 1000).toFixed(1)} s] ${message}\n`);
}

/** Requests to a bench server child over IPC, answered by id. */
export function control(child: ChildProcess) {
  let next = 1;
  const waiting = new Map<number, (value: unknown) => void>();
  child.on('message', (message: { id: number; value: unknown }) => {
    waiting.get(message.id)?.(message.value);
    waiting.delete(message.id);
  });
  return <T>(request: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = next++;
      waiting.set(id, resolve as (value: unknown) => void);
      child.send({ id, ...request });
    });
}

/** One keep-alive GET (or POST, with a body); resolves with the status once the body is read. */
export function get(agent: http.Agent, port: number, urlPath: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, agent, headers, method: body === undefined ? 'GET' : 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Closed-loop load: `connections` keep-alive clients back to back, bounded by count and time. */
/** Answers with the expected status per second, over `ms` of load. */
export type LoadResult = { rps: number; done: number; failed: number; ms: number };

export async function load(
  port: number,
  urlPath: string,
  headers: Record<string, string>,
  {
    connections = 8,
    maxRequests = 40_000,
    maxMs = 5_000,
    body,
    status: expected = 200,
  }: { connections?: number; maxRequests?: number; maxMs?: number; body?: string; status?: number } = {},
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let done = 0;
  let failed = 0;
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < maxRequests && performance.now() - t0 < maxMs) {
      started += 1;
      const status = await get(agent, port, urlPath, headers, body);
      if (status === expected) done += 1;
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const ms = performance.now() - t0;
  agent.destroy();
  return { rps: done / (ms / 1000), done, failed, ms };
}

type LoadTarget = { port: number; urlPath: string; headers: Record<string, string>; body?: string; status?: number };

/**
 * Throughput of several routes measured in turns: one-second slices, each target in order, `rounds` times,
 * summed. A ratio between two of them then holds up when the machine's speed drifts during the run (here
 * a bare route measured 12,700 and 21,700 req/s in back-to-back runs); measured one after the other, a
 * slow spell landed on one side of a ratio only.
 */
export async function loadInTurns<const T extends readonly LoadTarget[]>(
  targets: T,
  { rounds = 5, sliceMs = 1_000 } = {},
): Promise<{ [K in keyof T]: LoadResult }> {
  const totals = targets.map(() => ({ done: 0, failed: 0, ms: 0 }));
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, target] of targets.entries()) {
      const slice = await load(target.port, target.urlPath, target.headers, { maxMs: sliceMs, maxRequests: Number.MAX_SAFE_INTEGER, body: target.body, status: target.status });
      const total = totals[i]!;
      total.done += slice.done;
      total.failed += slice.failed;
      total.ms += slice.ms;
    }
  }
  return totals.map(({ done, failed, ms }) => ({ rps: done / (ms / 1000), done, failed, ms })) as { [K in keyof T]: LoadResult };
}

/**
 * `count` bench tokens in one `INSERT … SELECT` over `generate_series(1, $1)` as `i` (the count is its one
 * parameter): ids `bench-<i>`, every third environment, staggered creation, expiry and last use, every
 * fourth never used. The caller says who owns token `i`, what it is called, and what else varies.
 */
export function benchTokensSql({
  owner,
  name,
  activeName = `lower(${name})`,
  scopes = "ARRAY['read:projects']",
  createdAgo = "(i % 700) * interval '1 day'",
  lastUsedAgo = "(i % 2000) * interval '1 hour'",
  revoked = true,
  from = '',
}: {
  /** SQL for token `i`'s owner id. */
  owner: string;
  /** SQL for its name. */
  name: string;
  /** SQL for its `active_name` (null for a revoked token keeps the name free). */
  activeName?: string;
  scopes?: string;
  createdAgo?: string;
  lastUsedAgo?: string;
  /** Every twentieth token revoked. */
  revoked?: boolean;
  /** More FROM items after the series (a LATERAL for the name). */
  from?: string;
}): string {
  return `INSERT INTO api_keys (id, owner_id, name, active_name, environment, scopes, digest, hint, created_at, expires_at, last_used_at${revoked ? ', revoked_at' : ''})
    SELECT 'bench-' || i, ${owner}, ${name}, ${activeName},
           (ARRAY['development', 'staging', 'production'])[1 + i % 3],
           ${scopes},
           decode(md5(i::text) || md5('k' || i::text), 'hex'),
           'kl_dev_…' || lpad((i % 10000)::text, 4, '0'),
           now() - ${createdAgo},
           now() + (1 + i % 365) * interval '1 day',
           CASE WHEN i % 4 = 0 THEN NULL ELSE now() - ${lastUsedAgo} END${revoked ? ', CASE WHEN i % 20 = 0 THEN now() ELSE NULL END' : ''}
    FROM generate_series(1, $1::int) AS i${from}`;
}
