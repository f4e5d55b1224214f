import { expect, test, type APIRequestContext } from '@playwright/test';
import { paths } from '../src/contract/paths';
import { serviceAccountListSchema, serviceAccountSchema } from '../src/contract/service-accounts';
import { apiKeyListSchema, type CreateApiKeyRequest } from '../src/contract/tokens';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookEndpointListSchema, webhookWithSecretSchema } from '../src/contract/webhooks';
import { createServiceAccountOverApi, createTokenOverApi, csrf, deactivateServiceAccountOverApi, signInOverApi } from './fixtures';

// `npm run screenshots` (not a test): pictures to look at, not to diff, written to .tmp/screenshots/
// at phone and desktop widths, light and dark. The assertions only make sure the page being pictured
// is the right one.

const widths = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 860 },
] as const;
const schemes = ['light', 'dark'] as const;

/** Tokens as a person would name them (the README's picture comes from here): no test marks, no numbers. */
const seeds: (CreateApiKeyRequest & { use?: boolean; then?: 'revoke' | 'rotate' })[] = [
  { name: 'Laptop scripts', description: 'Local automation on my laptop', environment: 'development', scopes: ['read:projects', 'read:workflows'], expiresInDays: 90, use: true },
  { name: 'Grafana dashboard', description: 'Reads deployment status for the ops board', environment: 'production', scopes: ['read:deployments'], expiresInDays: 60, then: 'revoke' },
  { name: 'Staging deploy', environment: 'staging', scopes: ['write:deployments', 'read:projects'], expiresInDays: 30 },
  { name: 'Production deploy (GitHub Actions)', description: 'deploy.yml on main', environment: 'production', scopes: ['read:projects', 'read:workflows', 'read:deployments', 'write:deployments'], expiresInDays: 7, use: true, then: 'rotate' },
];
/** Made in the browser by each run, then revoked. */
const madeInTheBrowser = 'CI deploy';

/**
 * Names are unique among a person's active tokens: a token left active under one of these names (a run
 * against a kept server, or one that stopped half-way) is revoked first, so the seeds need no suffix.
 */
async function revokeActiveNamed(request: APIRequestContext, names: readonly string[]) {
  for (const name of names) {
    const response = await request.get(paths.apiKeys, { params: { q: name, status: 'active', limit: 100 } });
    expect(response.status(), await response.text()).toBe(200);
    for (const token of apiKeyListSchema.parse(await response.json()).data.filter((t) => t.name === name)) {
      expect((await request.delete(paths.apiKey(token.id), { headers: csrf })).status()).toBe(204);
    }
  }
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await signInOverApi(request);
  await revokeActiveNamed(request, [...seeds.map((seed) => seed.name), madeInTheBrowser]);
  for (const { use, then, ...body } of seeds) {
    const { apiKey, secret } = await createTokenOverApi(request, body);
    if (use) await request.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } });
    if (then === 'revoke') expect((await request.delete(paths.apiKey(apiKey.id), { headers: csrf })).status()).toBe(204);
    if (then === 'rotate') {
      const rotated = await request.post(paths.apiKeyRotate(apiKey.id), { data: { gracePeriod: '24h' }, headers: csrf });
      expect(rotated.status(), await rotated.text()).toBe(201);
    }
  }
  await request.dispose();
});

for (const viewport of widths) {
  for (const scheme of schemes) {
    test(`screenshots at ${viewport.name} width, ${scheme}`, async ({ page }) => {
      // Many pages and full-length pictures: more than one test's usual 30 s on a busy machine.
      test.setTimeout(120_000);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: scheme });
      // Pages full length; dialogs as the viewport shows them.
      const shot = (name: string, fullPage = !name.endsWith('dialog')) =>
        page.screenshot({ path: `.tmp/screenshots/${name}-${viewport.name}-${scheme}.png`, fullPage });

      await page.goto('/sign-in');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      await shot('sign-in');
      await page.goto('/sign-in?sso_error=unknown_user');
      await expect(page.getByRole('alert')).toBeVisible();
      await shot('sign-in-sso-error');

      await signInOverApi(page.request);
      await page.goto('/account/integrations');
      await expect(page.getByRole('row').nth(1)).toBeVisible();
      await shot('integrations');

      await page.goto('/account/integrations?status=all');
      // .first(): a rerun (a new worker after a failure) seeds and revokes another one.
      await expect(page.getByRole('row').filter({ hasText: 'Grafana dashboard' }).first()).toContainText('Revoked');
      await shot('integrations-all');
      await page.goto('/account/integrations');
      await expect(page.getByRole('row').nth(1)).toBeVisible();

      await page.getByRole('button', { name: 'Create token' }).first().click();
      const form = page.getByRole('dialog');
      await form.getByLabel('Name').fill(madeInTheBrowser);
      await form.getByRole('button', { name: 'Deploy from CI' }).click();
      await shot('create-dialog');
      // The scope grid and the expiry choices, below the fold on a phone.
      await form.getByRole('radiogroup', { name: 'Expiration' }).scrollIntoViewIfNeeded();
      await shot('create-dialog-scopes-dialog');
      await form.getByRole('button', { name: 'Create token' }).click();
      await expect(page.getByRole('dialog', { name: 'Copy your new token' })).toBeVisible();
      await shot('reveal-dialog');
      await page.getByRole('button', { name: 'I have stored it' }).click();

      await page.getByRole('link', { name: 'Production deploy (GitHub Actions)', exact: false }).first().click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Production deploy');
      await expect(page.getByText(/Created by/)).toBeVisible();
      await shot('token-detail');
      await page.goBack();

      await page.getByRole('button', { name: `Revoke ${madeInTheBrowser}` }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await shot('revoke-dialog');
      await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke token' }).click();

      await page.goto('/settings/api-tokens');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // The rows, then the quick-view counts on their own request.
      await expect(page.getByText(/^Showing \d+ of \d+/)).toBeVisible();
      await shot('settings');

      await page.goto('/settings/token-policy');
      await expect(page.getByRole('button', { name: 'Save policy' })).toBeVisible();
      await shot('token-policy');

      await page.goto('/settings/members');
      await expect(page.getByRole('table')).toBeVisible();
      await shot('members');
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.getByRole('dialog', { name: 'Add a person' }).getByLabel('Username').fill('dana');
      await shot('add-person-dialog');
      await page.getByRole('dialog', { name: 'Add a person' }).getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Manage admin' }).click();
      await expect(page.getByRole('dialog', { name: 'admin' }).getByRole('heading', { name: 'History' })).toBeVisible();
      await shot('manage-person-dialog');

      await page.goto('/settings/webhooks');
      const delivered = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: webhookReceiver.url }) });
      await expect(delivered).toBeVisible();
      await shot('webhooks');
      await delivered.getByRole('button', { name: 'Show deliveries' }).click();
      await expect(delivered.getByText('Delivered').first()).toBeVisible({ timeout: 15_000 });
      await shot('webhooks-deliveries');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await page.getByRole('dialog', { name: 'Add a webhook endpoint' }).getByLabel('Endpoint URL').fill('https://hooks.slack.com/services/T000/B000/XXXX');
      await shot('add-webhook-dialog');
      await page.getByRole('dialog', { name: 'Add a webhook endpoint' }).getByRole('button', { name: 'Cancel' }).click();
    });
  }
}

// Test a token → Report as leaked: the live result, the confirmation, the outcome and the timeline that says why.
const leakedToken = 'Pasted in a public gist';
for (const viewport of widths) {
  for (const scheme of schemes) {
    test(`leak report screenshots at ${viewport.name} width, ${scheme}`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: scheme });
      const shot = (name: string, fullPage = !name.endsWith('dialog')) =>
        page.screenshot({ path: `.tmp/screenshots/${name}-${viewport.name}-${scheme}.png`, fullPage });

      await signInOverApi(page.request);
      await revokeActiveNamed(page.request, [leakedToken]);
      const { secret } = await createTokenOverApi(page.request, { name: leakedToken, environment: 'production', scopes: ['read:deployments'], expiresInDays: 30 });
      await page.goto('/account/integrations');
      const panel = page.getByRole('region', { name: 'Test a token' });
      await panel.getByRole('textbox', { name: 'Token to test' }).fill(secret);
      await panel.getByRole('button', { name: 'Check token' }).click();
      await expect(panel.getByText(`Active: “${leakedToken}”, yours.`)).toBeVisible();
      await panel.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: `.tmp/screenshots/test-token-live-${viewport.name}-${scheme}.png` });

      await panel.getByRole('button', { name: 'Report as leaked…' }).click();
      await expect(page.getByRole('alertdialog', { name: `Report “${leakedToken}” as leaked?` })).toBeVisible();
      await shot('report-leak-dialog');
      await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke as leaked' }).click();
      await expect(panel.getByText(`“${leakedToken}” revoked: reported leaked.`)).toBeVisible();
      await panel.screenshot({ path: `.tmp/screenshots/test-token-reported-${viewport.name}-${scheme}.png` });

      await panel.getByRole('link', { name: 'View its timeline' }).click();
      await expect(page.getByText('Revoked: reported leaked', { exact: true })).toBeVisible();
      await shot('token-detail-leaked');
    });
  }
}

/** Settings → Webhooks: an endpoint on a receiver that answers (a delivered test event) and one that cannot be reached. */
const webhookReceiver = { url: '', close: async () => undefined as void };
test.beforeAll(async ({ playwright, baseURL }) => {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  webhookReceiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/keyline`;
  webhookReceiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const request = await playwright.request.newContext({ baseURL });
  await signInOverApi(request);
  for (const endpoint of webhookEndpointListSchema.parse(await (await request.get(paths.webhooks)).json()).data) {
    await request.delete(paths.webhook(endpoint.id), { headers: csrf });
  }
  for (const body of [
    { url: webhookReceiver.url, description: 'Ops alerts', events: ['token.expiring', 'token.expired', 'token.revoked', 'token.leaked'] },
    { url: 'https://hooks.example.invalid/keyline', description: 'Audit log collector', events: ['token.created', 'token.rotated', 'token.revoked', 'user.deactivated'] },
  ]) {
    const created = await request.post(paths.webhooks, { data: body, headers: csrf });
    expect(created.status(), await created.text()).toBe(201);
    const { webhook } = webhookWithSecretSchema.parse(await created.json());
    expect((await request.post(paths.webhookTest(webhook.id), { headers: csrf })).status()).toBe(202);
  }
  await request.dispose();
});
test.afterAll(async () => {
  await webhookReceiver.close();
});
for (const viewport of widths) {
  for (const scheme of schemes) {
    test(`use a token, CLI tab, at ${viewport.name} width, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: scheme });
      await signInOverApi(page.request);
      await page.goto('/account/integrations');
      await page.getByRole('tab', { name: 'CLI' }).click();
      await expect(page.getByRole('tabpanel', { name: 'CLI' })).toContainText('npx keyline login');
      await page.getByRole('region', { name: 'Use a token' }).screenshot({ path: `.tmp/screenshots/use-a-token-cli-${viewport.name}-${scheme}.png` });
    });
  }
}

// A token's usage: a gateway's introspections and direct bearer calls, then its page.
const usedToken = 'Release pipeline';
for (const viewport of widths) {
  for (const scheme of schemes) {
    test(`token usage at ${viewport.name} width, ${scheme}`, async ({ page, playwright, baseURL }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: scheme });
      await signInOverApi(page.request);
      await revokeActiveNamed(page.request, [usedToken, `${usedToken} gateway`]);
      // The resource server: a service account allowed to introspect (deactivated at the end; its name stays taken, so each run names its own).
      const resourceServer = await createServiceAccountOverApi(page.request, { name: `release-gateway-${Date.now().toString(36)}`, permissions: ['introspect'] });
      const { secret: gateway } = await createTokenOverApi(page.request, {
        name: `${usedToken} gateway`,
        environment: 'production',
        scopes: ['read:projects'],
        expiresInDays: 30,
        ownerId: resourceServer.id,
      });
      const { apiKey, secret } = await createTokenOverApi(page.request, {
        name: usedToken,
        environment: 'production',
        scopes: ['read:projects', 'read:deployments', 'write:deployments'],
        expiresInDays: 30,
      });
      const platform = await playwright.request.newContext({ baseURL });
      for (let i = 0; i < 12; i += 1) {
        const requiredScope = i % 6 === 5 ? 'write:projects' : i % 2 ? 'read:deployments' : 'read:projects';
        await platform.post(paths.introspect, { headers: { Authorization: `Bearer ${gateway}` }, form: { token: secret, required_scope: requiredScope } });
      }
      await platform.get(paths.me, { headers: { Authorization: `Bearer ${secret}`, 'User-Agent': 'curl/8.5.0' } });
      await platform.dispose();
      await page.goto(`/account/integrations/tokens/${apiKey.id}`);
      await expect(page.getByRole('img', { name: /Requests per day/ })).toBeVisible();
      await page.getByText('Show the numbers as a table').click();
      await page.screenshot({ path: `.tmp/screenshots/token-usage-${viewport.name}-${scheme}.png`, fullPage: true });
      await deactivateServiceAccountOverApi(page.request, resourceServer.id);
    });
  }
}

/** A service account with a token, as an admin would set one up; found again on a kept server. */
async function seedServiceAccount(request: APIRequestContext): Promise<string> {
  const name = 'release-bot';
  const listed = serviceAccountListSchema.parse(await (await request.get(paths.serviceAccounts)).json());
  let account = listed.data.find((a) => a.name === name);
  // A run stopped between its deactivated shot and the reactivation: bring it back.
  const deactivated = serviceAccountListSchema.parse(await (await request.get(paths.serviceAccounts, { params: { status: 'deactivated' } })).json());
  const stopped = deactivated.data.find((a) => a.name === name);
  if (!account && stopped) {
    const reactivated = await request.patch(paths.serviceAccount(stopped.id), { data: { status: 'active' }, headers: csrf });
    expect(reactivated.status(), await reactivated.text()).toBe(200);
    account = serviceAccountSchema.parse(await reactivated.json());
  }
  if (!account) {
    const created = await request.post(paths.serviceAccounts, {
      data: { name, description: 'Publishes releases from the GitHub Actions release workflow', permissions: ['introspect'] },
      headers: csrf,
    });
    expect(created.status(), await created.text()).toBe(201);
    account = serviceAccountSchema.parse(await created.json());
  }
  const tokens = apiKeyListSchema.parse(await (await request.get(paths.apiKeys, { params: { owner: account.id, status: 'active' } })).json());
  if (tokens.total === 0) {
    await createTokenOverApi(request, { name: 'Release workflow', environment: 'production', scopes: ['read:projects', 'write:deployments'], expiresInDays: 90, ownerId: account.id });
  }
  return account.id;
}

for (const viewport of widths) {
  for (const scheme of schemes) {
    test(`service account screenshots at ${viewport.name} width, ${scheme}`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: scheme });
      const shot = (name: string, fullPage = !name.endsWith('dialog')) =>
        page.screenshot({ path: `.tmp/screenshots/${name}-${viewport.name}-${scheme}.png`, fullPage });
      await signInOverApi(page.request);
      const id = await seedServiceAccount(page.request);

      await page.goto('/settings/service-accounts');
      await expect(page.getByRole('link', { name: 'release-bot' })).toBeVisible();
      await shot('service-accounts');
      await page.getByRole('button', { name: 'New service account' }).click();
      await page.getByRole('dialog', { name: 'New service account' }).getByLabel('Name').fill('nightly-backup');
      await expect(page.getByRole('list', { name: 'People to add' })).toBeVisible();
      await shot('new-service-account-dialog');
      await page.getByRole('dialog', { name: 'New service account' }).getByRole('button', { name: 'Cancel' }).click();

      await page.goto(`/settings/service-accounts/${id}`);
      await expect(page.getByRole('link', { name: 'Release workflow' })).toBeVisible();
      await shot('service-account');

      // Deactivating: the preview of its live tokens, then the deactivated page; reactivated for the next run.
      await page.getByRole('button', { name: 'Deactivate…' }).click();
      const deactivate = page.getByRole('alertdialog', { name: 'Deactivate release-bot?' });
      await expect(deactivate.getByRole('list', { name: 'Tokens that stop working' })).toBeVisible();
      await shot('deactivate-service-account-dialog');
      await deactivate.getByRole('button', { name: 'Deactivate release-bot' }).click();
      await expect(page.getByText('This service account is deactivated')).toBeVisible();
      await shot('service-account-deactivated');
      await page.getByRole('button', { name: 'Reactivate' }).click();
      await expect(page.getByRole('button', { name: 'Deactivate…' })).toBeVisible();
    });
  }
}

/** My account → Security with its Email notices section, an address given. */
for (const viewport of widths) {
  for (const scheme of schemes) {
    test(`email notices screenshots at ${viewport.name} width, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: scheme });
      await signInOverApi(page.request);
      const saved = await page.request.put(paths.accountNotifications, { data: { email: 'admin@example.com', expiryEmails: true }, headers: csrf });
      expect(saved.status(), await saved.text()).toBe(200);
      await page.goto('/account/security');
      const notices = page.getByRole('region', { name: 'Email notices' });
      await expect(notices.getByRole('textbox', { name: 'Email address' })).toHaveValue('admin@example.com');
      await page.screenshot({ path: `.tmp/screenshots/account-security-email-notices-${viewport.name}-${scheme}.png`, fullPage: true });
      await page.request.put(paths.accountNotifications, { data: { email: null, expiryEmails: true }, headers: csrf });
    });
  }
}

// Token lists with their 14-day sparklines: a token used over the API (one call denied a scope), one never used.
for (const viewport of widths) {
  for (const scheme of schemes) {
    test(`token list sparklines at ${viewport.name} width, ${scheme}`, async ({ page, playwright, baseURL }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: scheme });
      await signInOverApi(page.request);
      await revokeActiveNamed(page.request, ['Nightly sync', 'Nightly sync gateway']);
      const resourceServer = await createServiceAccountOverApi(page.request, { name: `sync-gateway-${Date.now().toString(36)}`, permissions: ['introspect'] });
      const { secret: gateway } = await createTokenOverApi(page.request, { name: 'Nightly sync gateway', environment: 'production', scopes: ['read:projects'], expiresInDays: 30, ownerId: resourceServer.id });
      const { secret } = await createTokenOverApi(page.request, { name: 'Nightly sync', environment: 'staging', scopes: ['read:projects'], expiresInDays: 30 });
      const platform = await playwright.request.newContext({ baseURL });
      for (let i = 0; i < 8; i += 1) {
        await platform.post(paths.introspect, { headers: { Authorization: `Bearer ${gateway}` }, form: { token: secret, required_scope: i === 7 ? 'write:projects' : 'read:projects' } });
      }
      await platform.dispose();
      await page.goto('/account/integrations');
      await expect(page.getByRole('row').filter({ hasText: 'Nightly sync' }).first().getByRole('img', { name: /8 requests in the last 14 days, 1 denied/ })).toBeVisible();
      await page.getByRole('region', { name: 'Your tokens' }).screenshot({ path: `.tmp/screenshots/token-list-sparklines-${viewport.name}-${scheme}.png` });
      await page.goto('/settings/api-tokens');
      await expect(page.getByRole('img', { name: /8 requests in the last 14 days, 1 denied/ }).first()).toBeVisible();
      await page.screenshot({ path: `.tmp/screenshots/admin-review-sparklines-${viewport.name}-${scheme}.png`, fullPage: true });
      await deactivateServiceAccountOverApi(page.request, resourceServer.id);
    });
  }
}

const reviewedToken = 'Deploy bot';
for (const viewport of widths) {
  for (const scheme of schemes) {
    test(`admin review with usage at ${viewport.name} width, ${scheme}`, async ({ page, playwright, baseURL }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: scheme });
      await signInOverApi(page.request);
      await revokeActiveNamed(page.request, [reviewedToken, `${reviewedToken} gateway`]);
      const resourceServer = await createServiceAccountOverApi(page.request, { name: `review-gateway-${Date.now().toString(36)}`, permissions: ['introspect'] });
      const { secret: gateway } = await createTokenOverApi(page.request, {
        name: `${reviewedToken} gateway`,
        environment: 'production',
        scopes: ['read:projects'],
        expiresInDays: 30,
        ownerId: resourceServer.id,
      });
      const { secret } = await createTokenOverApi(page.request, {
        name: reviewedToken,
        environment: 'production',
        scopes: ['read:projects', 'read:deployments', 'write:deployments'],
        expiresInDays: 30,
      });
      const platform = await playwright.request.newContext({ baseURL });
      for (let i = 0; i < 9; i += 1) {
        const requiredScope = i % 4 === 3 ? 'write:projects' : 'read:projects';
        await platform.post(paths.introspect, { headers: { Authorization: `Bearer ${gateway}` }, form: { token: secret, required_scope: requiredScope } });
      }
      await platform.dispose();
      await page.goto('/settings/api-tokens');
      await expect(page.getByRole('region', { name: 'Usage across the workspace' }).getByRole('img', { name: /Requests per day/ })).toBeVisible({ timeout: 20_000 });
      await expect(page.getByText(/^Showing \d+ of \d+/)).toBeVisible();
      await page.screenshot({ path: `.tmp/screenshots/admin-review-usage-${viewport.name}-${scheme}.png`, fullPage: true });

      await page.getByRole('checkbox', { name: new RegExp(`^Select ${reviewedToken} \\(`) }).check();
      await page.getByRole('button', { name: 'Remove unused scopes' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.screenshot({ path: `.tmp/screenshots/admin-narrow-dialog-${viewport.name}-${scheme}.png` });
      await page.keyboard.press('Escape');
      await deactivateServiceAccountOverApi(page.request, resourceServer.id);
    });
  }
}
