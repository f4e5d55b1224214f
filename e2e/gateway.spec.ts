import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { paths } from '../src/contract/paths';
import { gatewayCredentialVariable } from '../src/contract/usage-gateway-snippet';
import { admin, createServiceAccountOverApi, createTokenOverApi, csrf, expect, signInOverApi, test } from './fixtures';

// The gateway the "Use a token" panel shows platform developers, copied from the page and run as it is
// written: a real process in front of a small API, asking this server about each request's token.

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test.describe('Gateway snippet', () => {
  let upstream: http.Server | undefined;
  let gateway: ChildProcess | undefined;
  let workDir = '';

  test.afterEach(async () => {
    const running = gateway;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    }
    const server = upstream;
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    if (workDir) await rm(workDir, { recursive: true, force: true });
    [gateway, upstream, workDir] = [undefined, undefined, ''];
  });

  test('run as shown, it passes a token with the scope, answers 403 without it and 401 for a revoked one', async ({ page, tag }) => {
    test.slow();
    await signInOverApi(page.request, admin);
    const resourceServer = await createServiceAccountOverApi(page.request, { name: `gateway-${tag}`, permissions: ['introspect'] });
    const { secret: credential } = await createTokenOverApi(page.request, {
      name: `gateway-${tag}`,
      environment: 'production',
      scopes: ['read:projects'],
      expiresInDays: 1,
      ownerId: resourceServer.id,
    });
    const token = (name: string, scopes: string[]) =>
      createTokenOverApi(page.request, { name: `${name}-${tag}`, environment: 'development', scopes, expiresInDays: 1 });
    const reader = await token('reader', ['read:projects']);
    const writer = await token('writer', ['write:projects']);
    const other = await token('other', ['read:security']);
    const revoked = await token('revoked', ['read:projects']);
    expect((await page.request.delete(paths.apiKey(revoked.apiKey.id), { headers: csrf })).status()).toBe(204);

    // The snippet as the page shows it.
    await page.goto('/account/integrations');
    await page.getByRole('tab', { name: 'Gateway' }).click();
    const snippet = await page.getByRole('tabpanel', { name: 'Gateway' }).locator('pre > code').textContent();
    expect(snippet).toContain(`${new URL(page.url()).origin}${paths.introspect}`);

    // The platform's API: answers who asked, so a pass-through shows.
    upstream = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`upstream saw ${req.method} ${req.url}`);
    });
    await new Promise<void>((resolve) => upstream?.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

    workDir = await mkdtemp(path.join(tmpdir(), 'keyline-gateway-'));
    await writeFile(path.join(workDir, 'gateway.mjs'), snippet ?? '');
    const port = await freePort();
    let output = '';
    gateway = spawn(process.execPath, ['gateway.mjs'], {
      cwd: workDir,
      // Only what the intro names; no proxy between the gateway and the loopback.
      env: { PATH: process.env.PATH, [gatewayCredentialVariable]: credential, UPSTREAM_URL: upstreamUrl, PORT: String(port), NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    gateway.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    gateway.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const call = async (bearer?: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/projects?page=2`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
      return { status: response.status, body: await response.text(), challenge: response.headers.get('www-authenticate') };
    };
    // Up once it answers at all.
    await expect
      .poll(async () => (await call().catch(() => null))?.status, { message: `the gateway did not start: ${output}`, timeout: 15_000 })
      .toBe(401);

    expect(await call(reader.secret)).toEqual({ status: 200, body: 'upstream saw GET /projects?page=2', challenge: null });
    // write:projects grants read:projects.
    expect((await call(writer.secret)).status).toBe(200);
    expect(await call(other.secret)).toMatchObject({ status: 403, body: '' });
    expect(await call(revoked.secret)).toMatchObject({ status: 401, challenge: 'Bearer', body: '' });
    expect(await call(`${reader.secret.slice(0, -1)}x`)).toMatchObject({ status: 401 });
    expect(await call()).toMatchObject({ status: 401, challenge: 'Bearer' });
    expect(output).toBe('');
  });

  test('the OpenAPI description of introspection tells a platform developer how to use the answer', async ({ request }) => {
    const document = (await (await request.get(paths.openApi)).json()) as {
      paths: Record<string, { post?: { description?: string } }>;
    };
    const description = document.paths[paths.introspect]?.post?.description ?? '';
    expect(description).toMatch(/platform developers/);
    expect(description).toMatch(/`introspect` permission/);
    expect(description).toMatch(/answer your caller 401/);
    expect(description).toMatch(/`required_scope_granted`: when false, answer 403/);
  });
});
