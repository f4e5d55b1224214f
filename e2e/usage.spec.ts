import { introspectionResponseSchema } from '../src/contract/introspection';
import { paths } from '../src/contract/paths';
import { admin, createServiceAccountOverApi, createTokenOverApi, deactivateServiceAccountOverApi, expect, expectNoAxeViolations, signInOverApi, test } from './fixtures';

const dailyUsagePath = new URL(paths.dailyUsage, 'http://x').pathname;

test.describe('Token usage', () => {
  test('a gateway introspects a token; its page charts the calls, with the numbers as a table', async ({ page, playwright, baseURL, tag }) => {
    test.slow();
    await signInOverApi(page.request, admin);
    // The resource server's credential: a token of a service account allowed to introspect. The other
    // is the token its clients present.
    const resourceServer = await createServiceAccountOverApi(page.request, { name: `gateway-${tag}`, permissions: ['introspect'] });
    const { secret: gateway } = await createTokenOverApi(page.request, {
      name: `gateway-${tag}`,
      environment: 'production',
      scopes: ['read:projects'],
      expiresInDays: 30,
      ownerId: resourceServer.id,
    });
    const { apiKey, secret } = await createTokenOverApi(page.request, {
      name: `deploy-${tag}`,
      environment: 'production',
      scopes: ['read:projects', 'write:deployments'],
      expiresInDays: 30,
    });

    const platform = await playwright.request.newContext({ baseURL });
    const introspect = async (requiredScope: string) => {
      const response = await platform.post(paths.introspect, {
        headers: { Authorization: `Bearer ${gateway}`, 'User-Agent': 'edge-gateway/1.0' },
        form: { token: secret, required_scope: requiredScope },
      });
      expect(response.status()).toBe(200);
      return introspectionResponseSchema.parse(await response.json());
    };
    for (let i = 0; i < 5; i += 1) expect(await introspect('read:projects')).toMatchObject({ active: true, required_scope_granted: true });
    for (let i = 0; i < 2; i += 1) expect(await introspect('write:projects')).toMatchObject({ active: true, required_scope_granted: false });
    for (let i = 0; i < 3; i += 1) {
      const me = await platform.get(paths.me, { headers: { Authorization: `Bearer ${secret}`, 'User-Agent': 'curl/8.5.0' } });
      expect(me.status()).toBe(200);
    }
    await platform.dispose();

    await page.goto(`/account/integrations/tokens/${apiKey.id}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Usage' })).toBeVisible();
    await expect(page.getByRole('img', { name: /Requests per day, .*: 8 allowed, 2 denied \(missing scope\), 0 rejected/ })).toBeVisible();
    await page.getByText('Show the numbers as a table').click();
    const table = page.getByRole('table', { name: 'Requests per day' });
    await expect(table.getByRole('row').nth(1)).toHaveText(/8\s*2\s*0/);
    await expect(page.getByRole('region', { name: 'Scopes used' }).getByText('read:projects')).toBeVisible();
    const clients = page.getByRole('region', { name: 'Clients seen' });
    await expect(clients.getByText('Checked by a resource server')).toBeVisible();
    await expect(clients.getByText('curl')).toBeVisible();
    await expectNoAxeViolations(page);

    // Dark mode: the usage section (the page's Revoke button is checked in light only: its dark red is a known contrast gap).
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page, { include: 'section[aria-labelledby="token-usage"]' });

    // Runs do not pile up gateways: the service account goes, its token with it.
    await deactivateServiceAccountOverApi(page.request, resourceServer.id);
  });

  test('each list row shows its last 14 days, counted from real calls, with one request per page of rows', async ({ page, playwright, baseURL, tag }) => {
    test.slow();
    await signInOverApi(page.request, admin);
    const resourceServer = await createServiceAccountOverApi(page.request, { name: `lists-gateway-${tag}`, permissions: ['introspect'] });
    const { secret: gateway } = await createTokenOverApi(page.request, {
      name: `lists-gateway-${tag}`,
      environment: 'production',
      scopes: ['read:projects'],
      expiresInDays: 30,
      ownerId: resourceServer.id,
    });
    const { secret } = await createTokenOverApi(page.request, { name: `busy-${tag}`, environment: 'development', scopes: ['read:projects'], expiresInDays: 30 });
    await createTokenOverApi(page.request, { name: `idle-${tag}`, environment: 'development', scopes: ['read:projects'], expiresInDays: 30 });
    const platform = await playwright.request.newContext({ baseURL });
    for (let i = 0; i < 3; i += 1) expect((await platform.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(200);
    const denied = await platform.post(paths.introspect, { headers: { Authorization: `Bearer ${gateway}` }, form: { token: secret, required_scope: 'write:security' } });
    expect(introspectionResponseSchema.parse(await denied.json())).toMatchObject({ required_scope_granted: false });
    await platform.dispose();

    const usageRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === dailyUsagePath) usageRequests.push(request.url());
    });
    await page.goto(`/account/integrations?q=${tag}`);
    const busy = page.getByRole('row').filter({ hasText: `busy-${tag}` });
    await expect(busy.getByRole('img', { name: '4 requests in the last 14 days, 1 denied' })).toBeVisible();
    const idle = page.getByRole('row').filter({ hasText: `idle-${tag}` });
    await expect(idle.getByRole('img', { name: 'No requests in the last 14 days' })).toBeVisible();
    expect(usageRequests).toHaveLength(1);
    await expectNoAxeViolations(page);

    // The service account's page and the admin review show theirs the same way.
    await page.goto(`/settings/service-accounts/${resourceServer.id}`);
    // The gateway's own token was used once: to ask about the busy one.
    const credentialRow = page.getByRole('row').filter({ hasText: `lists-gateway-${tag}` });
    await expect(credentialRow.getByRole('img', { name: '1 request in the last 14 days' })).toBeVisible();
    await page.goto(`/settings/api-tokens?q=busy-${tag}`);
    await expect(page.getByRole('row').filter({ hasText: `busy-${tag}` }).getByRole('img', { name: '4 requests in the last 14 days, 1 denied' })).toBeVisible();
  });
});
