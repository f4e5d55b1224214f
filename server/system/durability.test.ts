import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createApiKeyResponseSchema } from '../../src/contract/tokens';
import { meResponseSchema } from '../../src/contract/users';

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

type Server = { url: string; child: ChildProcess };

async function start(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      // Port 0: the OS picks a free one and the server prints it.
      PORT: '0',
      HOST: '127.0.0.1',
      KEYLINE_DATA_DIR: dataDir,
      KEYLINE_ADMIN_PASSWORD: adminPassword,
      KEYLINE_STATIC_DIR: '',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1].replace('localhost', '127.0.0.1'));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`The server exited (${code}) before listening:\n${output}`)));
  });
  return { url, child };
}

/** SIGKILL and wait until the process is gone (its data-dir lock is then stale, as after a real crash). */
async function crash({ child }: Server) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const csrf = { 'X-Requested-With': 'keyline' };

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
