import type { APIRequestContext } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { adminApiKeyListSchema } from '../src/contract/admin';
import { introspectionResponseSchema } from '../src/contract/introspection';
import { paths } from '../src/contract/paths';
import { admin, createServiceAccountOverApi, createTokenOverApi, csrf, expect, expectNoAxeViolations, signInOverApi, test } from './fixtures';

const day = 24 * 60 * 60 * 1000;

/**
 * A Keyline of this test's own (server/testing/movable-clock-server.ts), serving the built SPA, whose
 * clock the test moves forward: "held 30 days without a use" cannot be waited for, and the shared
 * server's clock is the real one. Its database lives in memory and goes with it.
 */
async function startKeylineWithMovableClock() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/testing/movable-clock-server.ts'], {
    env: { ...process.env, KEYLINE_ADMIN_PASSWORD: admin.password, KEYLINE_STATIC_DIR: 'dist' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const listening = /^listening (\d+)$/.exec(await nextLine());
  if (!listening) throw new Error('The test server did not start.');
  return {
    baseURL: `http://127.0.0.1:${listening[1]}`,
    advance: async (ms: number) => {
      const answer = nextLine();
      child.stdin!.write(`advance ${ms}\n`);
      expect(await answer).toBe('ok');
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end();
      await exited;
    },
  };
}

test.describe('Admin review: usage and narrowing', () => {
  test('an admin sees the workspace’s calls and busiest token, then removes a scope a token never used', async ({ page, playwright }) => {
    // A server of its own to start (from source, migrating a fresh database) and two axe runs.
    test.setTimeout(180_000);
    const keyline = await startKeylineWithMovableClock();
    let api: APIRequestContext | undefined;
    try {
      api = await playwright.request.newContext({ baseURL: keyline.baseURL });
      await signInOverApi(api, admin);
      const resourceServer = await createServiceAccountOverApi(api, { name: 'gateway', permissions: ['introspect'] });
      const { secret: gateway } = await createTokenOverApi(api, {
        name: 'gateway',
        environment: 'production',
        scopes: ['read:projects'],
        expiresInDays: 90,
        ownerId: resourceServer.id,
      });
      const { apiKey, secret } = await createTokenOverApi(api, {
        name: 'deploy',
        environment: 'production',
        scopes: ['read:projects', 'write:deployments'],
        expiresInDays: 90,
      });
      expect(apiKey.scopes).toEqual(['read:projects', 'read:deployments', 'write:deployments']);
      const reader = await createTokenOverApi(api, { name: 'reader', environment: 'staging', scopes: ['read:projects'], expiresInDays: 90 });

      // A month later, the platform has only ever read with it.
      await keyline.advance(31 * day);
      const introspect = async (requiredScope: string, token = secret) => {
        const response = await api!.post(paths.introspect, {
          headers: { Authorization: `Bearer ${gateway}`, 'User-Agent': 'edge-gateway/1.0' },
          form: { token, required_scope: requiredScope },
        });
        expect(response.status()).toBe(200);
        return introspectionResponseSchema.parse(await response.json());
      };
      for (let i = 0; i < 5; i += 1) expect(await introspect('read:projects')).toMatchObject({ active: true, required_scope_granted: true });
      expect(await introspect('read:deployments')).toMatchObject({ active: true, required_scope_granted: true });
      for (let i = 0; i < 2; i += 1) expect(await introspect('write:projects')).toMatchObject({ active: true, required_scope_granted: false });
      expect(await introspect('read:projects', reader.secret)).toMatchObject({ active: true, required_scope_granted: true });
      for (let i = 0; i < 3; i += 1) {
        const me = await api.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } });
        expect(me.status()).toBe(200);
      }

      // The browser's session, on this server (page.request's base URL is the shared server's).
      const signedIn = await page.request.post(`${keyline.baseURL}${paths.session}`, { data: admin, headers: csrf });
      expect(signedIn.status()).toBe(200);
      await page.goto(`${keyline.baseURL}/settings/api-tokens`);

      // The deploy token: 9 allowed (6 introspections, 3 bearer calls) and 2 denied; the reader's 1; the gateway's 9 introspections are its own bearer calls.
      const usage = page.getByRole('region', { name: 'Usage across the workspace' });
      await expect(usage.getByRole('img', { name: /Requests per day, .*: 19 allowed, 2 denied \(missing scope\), 0 rejected/ })).toBeVisible({
        // The page's first requests wait for a server started from source on a shared machine.
        timeout: 30_000,
      });
      const busiest = usage.getByRole('region', { name: 'Busiest tokens' }).getByRole('listitem');
      await expect(busiest.first()).toContainText('deploy');
      await expect(busiest.first()).toContainText('11 requests');
      await usage.getByText('Show the numbers as a table').click();
      await expect(usage.getByRole('table', { name: 'Requests per day' }).getByRole('row').nth(1)).toHaveText(/19\s*2\s*0/);

      const deployRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^deploy/ }) });
      await expect(deployRow.getByText('Uses only 2 of its 3 scopes')).toBeVisible();
      await expectNoAxeViolations(page);
      await page.emulateMedia({ colorScheme: 'dark' });
      await expectNoAxeViolations(page, { include: 'section[aria-labelledby="workspace-usage-heading"]' });
      await page.emulateMedia({ colorScheme: 'light' });

      // Its state comes back through the URL: click, then wait for it (check() wants it changed at once).
      const overScoped = page.getByRole('checkbox', { name: /only over-scoped tokens/i });
      await overScoped.click();
      await expect(overScoped).toBeChecked();
      await expect(page).toHaveURL(/overScoped=true/);
      // The reader used all it holds; the gateway's read:projects was never asked for (its own calls need no scope).
      await expect(page.getByRole('rowheader', { name: /^reader/ })).toBeHidden();
      await expect(page.getByRole('rowheader', { name: /^gateway/ })).toBeVisible();
      await page.getByRole('checkbox', { name: 'Select all loaded tokens' }).check();
      await page.getByRole('button', { name: 'Remove unused scopes' }).click();
      const dialog = page.getByRole('dialog', { name: 'Remove unused scopes from 1 token?' });
      await expect(dialog.getByRole('list', { name: 'Scopes to remove' })).toHaveText('deploy (admin): remove write:deployments');
      await expect(dialog.getByRole('region', { name: 'Left as they are (1)' })).toContainText('gateway');
      await dialog.getByRole('button', { name: 'Remove unused scopes' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Removed unused scopes from 1 token, skipped 1.' })).toBeVisible();
      await expect(page.getByRole('rowheader', { name: /^deploy/ })).toBeHidden();

      // Narrowed in place, never widened; the same secret still works; the timeline says who did it.
      // The session of a month ago has ended: sign in again.
      await signInOverApi(api, admin);
      const listed = await api.get(paths.adminApiKeys, { params: { q: 'deploy' } });
      expect(listed.status()).toBe(200);
      const list = adminApiKeyListSchema.parse(await listed.json());
      expect(list.data.map((token) => token.scopes)).toEqual([['read:projects', 'read:deployments']]);
      expect((await api.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(200);
      await page.goto(`${keyline.baseURL}/account/integrations/tokens/${apiKey.id}`);
      await expect(page.getByText('Scopes narrowed by admin')).toBeVisible();
      await expect(page.getByText('Removed write:deployments.')).toBeVisible();
    } finally {
      await api?.dispose();
      await keyline.close();
    }
  });
});
