import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { csrfHeader } from '../../src/contract/headers';
import { createApiKeyResponseSchema } from '../../src/contract/tokens';
import { meResponseSchema } from '../../src/contract/users';
import { startServerProcess, type ServerProcess } from '../testing/server-process';

/**
 * Crash safety of the real server on its embedded database: a write the API acknowledged (201, 204)
 * survives the process being killed the instant after (SIGKILL: no shutdown hook, no close, no flush).
 * One data directory for every cycle, as in production: creating one costs seconds, opening it less.
 */

const cycles = 3;
const adminPassword = 'durability-admin-password';
const dataDir = mkdtempSync(join(tmpdir(), 'keyline-durability-'));
let completedCycles = 0;
let running: ChildProcess | undefined;

afterAll(() => {
  running?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  console.info(`durability: ${completedCycles} crash-restart cycles (${completedCycles * 2} SIGKILLs right after an acknowledged write)`);
});

type Server = ServerProcess;

async function start(): Promise<Server> {
  const server = await startServerProcess(dataDir, adminPassword, process.env);
  running = server.child;
  return server;
}

/** SIGKILL and wait until the process is gone (its data-dir lock is then stale, as after a real crash). */
async function crash({ child }: Server) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const csrf = { [csrfHeader.name]: csrfHeader.value };

async function signIn(server: Server): Promise<string> {
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { ...csrf, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: adminPassword }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
}

async function bearerStatus(server: Server, secret: string) {
  const res = await fetch(`${server.url}/api/auth/me`, { headers: { Authorization: `Bearer ${secret}` } });
  if (res.status === 200) meResponseSchema.parse(await res.json());
  return res.status;
}

// The embedded database is what can lose a write here; a Postgres server (DATABASE_URL) has its own WAL guarantees.
test.skipIf(Boolean(process.env.DATABASE_URL))(
  `acknowledged creates and revokes survive SIGKILL right after the response (${cycles} cycles)`,
  async () => {
    let server = await start();
    for (let cycle = 0; cycle < cycles; cycle++) {
      const cookie = await signIn(server);
      const created = await fetch(`${server.url}/api/api-keys`, {
        method: 'POST',
        headers: { ...csrf, Cookie: cookie, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: `durable ${cycle}`, environment: 'production', scopes: ['read:projects'], expiresInDays: 30 }),
      });
      expect(created.status).toBe(201);
      const { apiKey, secret } = createApiKeyResponseSchema.parse(await created.json());
      await crash(server);

      server = await start();
      expect(await bearerStatus(server, secret), `cycle ${cycle}: the created token after a crash`).toBe(200);
      const revoked = await fetch(`${server.url}/api/api-keys/${apiKey.id}`, {
        method: 'DELETE',
        headers: { ...csrf, Cookie: await signIn(server) },
      });
      expect(revoked.status).toBe(204);
      await crash(server);

      server = await start();
      expect(await bearerStatus(server, secret), `cycle ${cycle}: the revoked token after a crash`).toBe(401);
      completedCycles++;
    }
    await crash(server);
  },
  120_000,
);
