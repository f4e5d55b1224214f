// Start: `node scripts/start.mjs` on an existing data directory with the SPA and server already built,
// from spawn to the first HTTP answer.
import { spawn } from 'node:child_process';
import { metric, percentile, root, stop, waitForHttp, type Metric } from './lib';

export async function benchStart({ port, dataDir, runs = 5 }: { port: number; dataDir: string; runs?: number }): Promise<Metric[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    const server = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), KEYLINE_DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/api/policy`, 60_000, server);
      times.push(performance.now() - t0);
    } finally {
      await stop(server);
    }
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 50);
  return [
    metric({
      name: 'npm start → first answer (median)',
      value: median,
      unit: 'ms',
      budget: '≤ 1000 ms',
      baseline: null,
      ratio: median / 1000,
      pass: median <= 1000,
      note: `${runs} starts: ${times.map((t) => Math.round(t)).join(', ')} ms`,
    }),
  ];
}
