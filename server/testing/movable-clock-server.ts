import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createApp } from '../app';
import { openPgliteDatabase } from '../db/database';
import { migrate } from '../db/migrations';
import { ensureAdminUser } from '../users/bootstrap';

/*
 * Keyline for a browser test that has to move time forward ("a scope held 30 days without a use"
 * cannot be waited for): the built SPA and the API on a port the OS picks, an in-memory database, and a
 * clock the test advances by writing `advance <ms>` to stdin (answered `ok`). Prints `listening <port>`.
 * Started only by tests (e2e/admin-usage.spec.ts); the real server's clock is the system's.
 */

let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
const quiet = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

const db = await openPgliteDatabase();
await migrate(db);
await ensureAdminUser(db, { adminPassword: process.env.KEYLINE_ADMIN_PASSWORD, now: clock.now() });
const app = createApp({
  db,
  clock,
  config: { hmacSecret: randomBytes(32), staticDir: resolve(process.env.KEYLINE_STATIC_DIR ?? 'dist'), exclusiveDatabase: true, logger: quiet },
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`));

createInterface({ input: process.stdin }).on('line', (line) => {
  const advance = /^advance (\d+)$/.exec(line.trim());
  if (!advance) return;
  offsetMs += Number(advance[1]);
  console.log('ok');
});
// The test is done with it when it closes stdin.
process.stdin.on('end', () => {
  server.close(() => void db.close().then(() => process.exit(0)));
});
