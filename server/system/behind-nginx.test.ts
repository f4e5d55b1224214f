import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csrfHeader } from '../../src/contract/headers';
import { createApiKeyResponseSchema } from '../../src/contract/tokens';
import { createApp } from '../app';
import type { Database } from '../db/database';
import { insertUser } from '../db/users';
import { openTestDatabase } from '../testing/test-db';
import { hashPassword } from '../users/password';

/**
 * Two instances behind a real nginx (Debian's; `.ci/run` installs it), as the README's "Several
 * instances" describes: nginx appends the client's address to X-Forwarded-For, the instances trust
 * nginx's address only. Clients are told apart by the loopback address they connect from
 * (127.0.0.2, 127.0.0.3, …: all of 127/8 is loopback on Linux).
 */

const nginx = [process.env.NGINX_BIN, '/usr/sbin/nginx'].find((path) => path && existsSync(path));
const hmacSecret = Buffer.alloc(32, 9);
const clock = { now: () => new Date() };
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

const freePort = async () => {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  return port;
};

type Answer = { status: number; body: string; setCookie: string | undefined };
function call(
  port: number,
  path: string,
  { from, method = 'GET', headers = {}, body }: { from: string; method?: string; headers?: Record<string, string>; body?: unknown },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        localAddress: from,
        headers: { [csrfHeader.name]: csrfHeader.value, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, setCookie: res.headers['set-cookie']?.[0] }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe.skipIf(process.platform !== 'linux' || !nginx)('two instances behind nginx (skipped: no nginx; set NGINX_BIN or install Debian’s nginx)', () => {
  let db: Database;
  let instances: ServerType[] = [];
  let proxy: ChildProcess | undefined;
  let proxyPort = 0;
  let instancePort = 0;

  beforeAll(async () => {
    db = await openTestDatabase();
    await insertUser(db, {
      username: 'alice',
      passwordHash: await hashPassword('alice-password', { N: 1024, r: 8, p: 1 }),
      role: 'member',
      now: clock.now(),
    });
    // Both on one database, keeping nothing in memory, as instances on one Postgres server do.
    const config = {
      hmacSecret,
      logger: quiet,
      exclusiveDatabase: false,
      trustedProxies: ['127.0.0.1'],
      rateLimits: { bearerFailuresPerIp: { limit: 3, windowMs: 60_000 } },
    };
    const ports: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const app = createApp({ db, clock, config });
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await once(server, 'listening');
      instances.push(server);
      ports.push((server.address() as AddressInfo).port);
    }
    instancePort = ports[0]!;

    proxyPort = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'keyline-nginx-'));
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream keyline { ${ports.map((port) => `server 127.0.0.1:${port};`).join(' ')} }
  server {
    listen 127.0.0.1:${proxyPort};
    location / {
      proxy_pass http://keyline;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`,
    );
    proxy = spawn(nginx!, ['-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`], { stdio: 'inherit' });
    // Ready once it answers.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await call(proxyPort, '/api/auth/me', { from: '127.0.0.1' });
        break;
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }, 60_000);

  afterAll(async () => {
    if (proxy && proxy.exitCode === null) {
      proxy.kill('SIGQUIT');
      await once(proxy, 'exit');
    }
    for (const server of instances) server.close();
    instances = [];
    await db?.close();
  });

  test('one client’s failed bearer calls lock out that client only; a forged header from outside changes nothing', async () => {
    const signIn = await call(proxyPort, '/api/session', {
      from: '127.0.0.2',
      method: 'POST',
      body: { username: 'alice', password: 'alice-password' },
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.setCookie!.split(';')[0]!;
    const created = await call(proxyPort, '/api/api-keys', {
      from: '127.0.0.2',
      method: 'POST',
      headers: { Cookie: cookie },
      body: { name: 'CI deploy', environment: 'production', scopes: ['read:projects'], expiresInDays: 30 },
    });
    expect(created.status).toBe(201);
    const { secret } = createApiKeyResponseSchema.parse(JSON.parse(created.body));
    const me = (from: string, bearer: string, headers: Record<string, string> = {}, port = proxyPort) =>
      call(port, '/api/auth/me', { from, headers: { Authorization: `Bearer ${bearer}`, ...headers } });

    // Client A (127.0.0.2), through nginx, across both instances: refused after 3 failures, even with the right token.
    for (let i = 0; i < 3; i += 1) expect((await me('127.0.0.2', 'kl_prod_garbage')).status).toBe(401);
    expect((await me('127.0.0.2', secret)).status).toBe(429);
    // Pretending to be someone else in the header it sends nginx does not help A.
    expect((await me('127.0.0.2', secret, { 'X-Forwarded-For': '127.0.0.9' })).status).toBe(429);
    // Client B (127.0.0.3), through the same nginx, on both instances: unaffected.
    expect((await me('127.0.0.3', secret)).status).toBe(200);
    expect((await me('127.0.0.3', secret)).status).toBe(200);

    // Straight to an instance from an address it does not trust: the header is ignored, its own address counts.
    for (let i = 0; i < 3; i += 1) {
      expect((await me('127.0.0.4', 'kl_prod_garbage', { 'X-Forwarded-For': `127.0.1.${i}` }, instancePort)).status).toBe(401);
    }
    expect((await me('127.0.0.4', secret, { 'X-Forwarded-For': '127.0.0.3' }, instancePort)).status).toBe(429);
  }, 60_000);
});
