// `npm run bench`: the performance figures. Prints a table and writes bench/results.json.
// Timings are noisy on a shared machine: the budgets that matter most are ratios measured in the same run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { benchApi } from './api';
import { benchBrowser } from './browser';
import { benchBundle } from './bundle';
import { freePort, progress, root, runTsx, type Metric } from './lib';
import { benchPostgres } from './postgres';
import { benchStart } from './start';

const results: Metric[] = [];
const failures: string[] = [];

/** `KEYLINE_BENCH_ONLY=api,browser npm run bench`: only those sections (while working on one of them). */
const only = process.env.KEYLINE_BENCH_ONLY?.split(',').map((s) => s.trim());

async function section(name: string, run: () => Promise<Metric[]>) {
  if (only && !only.includes(name)) return;
  progress(`${name}…`);
  try {
    results.push(...(await run()));
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    progress(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

const tmp = await mkdtemp(path.join(os.tmpdir(), 'keyline-bench-'));
try {
  await section('bundle', benchBundle);

  const dataDir = path.join(tmp, 'data');
  const adminPassword = `bench-${randomBytes(12).toString('hex')}`;
  const port = await freePort();
  await section('browser', async () => {
    progress('browser: seeding 10,000 tokens');
    await runTsx('bench/seed-browser.ts', ['--tokens', '10000'], { ...process.env, KEYLINE_DATA_DIR: dataDir, KEYLINE_ADMIN_PASSWORD: adminPassword });
    return benchBrowser({ port, dataDir, adminPassword });
  });
  // The same data directory: it exists, and the browser section's start built what `npm start` builds.
  await section('start', () => benchStart({ port, dataDir }));
  await section('api', benchApi);
  await section('postgres', benchPostgres);
} finally {
  await rm(tmp, { recursive: true, force: true });
}

const format = (n: number | null, digits = 1) => (n === null || Number.isNaN(n) ? '—' : n.toFixed(digits));
const table = results.map((m) => ({
  metric: m.name,
  value: `${format(m.value)} ${m.unit}`,
  budget: m.budget,
  baseline: m.baseline === null ? '—' : `${format(m.baseline)} ${m.unit}`,
  ratio: format(m.ratio, 2),
  result: m.pass === null ? 'info' : m.pass ? 'pass' : 'FAIL',
}));
const columns = ['metric', 'value', 'budget', 'baseline', 'ratio', 'result'] as const;
const widths = columns.map((c) => Math.max(c.length, ...table.map((row) => row[c].length)));
const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ');
console.log(line(columns));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of table) console.log(line(columns.map((c) => row[c])));
for (const m of results) if (m.note) console.log(`  ${m.name}: ${m.note}`);
for (const failure of failures) console.log(`ERROR ${failure}`);

await writeFile(
  path.join(root, 'bench', 'results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadavg: os.loadavg(), results, errors: failures }, null, 2)}\n`,
);
process.exit(failures.length > 0 ? 1 : 0);
