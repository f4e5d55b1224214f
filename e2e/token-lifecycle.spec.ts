import { paths } from '../src/contract/paths';
import { apiKeyListSchema } from '../src/contract/tokens';
import { meResponseSchema } from '../src/contract/users';
import { createTokenOverApi, csrf, expect, test } from './fixtures';

// The walking skeleton's promise, end to end against the real server: a secret is shown once,
// works as a bearer token, never appears in a list or the page, and dies when revoked.
test('a token created over the API works until revoked, and its secret never shows again', async ({ signedInPage: page, playwright, baseURL, tag }) => {
  const name = `ci-deploy-${tag}`;
  const { apiKey, secret } = await createTokenOverApi(page.request, {
    name,
    environment: 'production',
    scopes: ['read:deployments', 'write:deployments'],
    expiresInDays: 7,
  });
  expect(secret).toMatch(/^kl_prod_[0-9A-Za-z]{36}$/);
  expect(apiKey.hint).toBe(`kl_prod_…${secret.slice(-4)}`);

  // Newest first: it is on the first page, and the page says how many there are in all.
  const list = await page.request.get(paths.apiKeys);
  expect(JSON.stringify(await list.json())).not.toContain(secret);
  const firstPage = apiKeyListSchema.parse(await list.json());
  expect(firstPage.data.map((k) => k.name)).toContain(name);
  expect(firstPage.total).toBeGreaterThanOrEqual(firstPage.data.length);

  // A client with no cookies, only the bearer token, as a CI job would call.
  const ci = await playwright.request.newContext({ baseURL });
  const asToken = { headers: { Authorization: `Bearer ${secret}` } };
  const me = await ci.get(paths.me, asToken);
  expect(me.status()).toBe(200);
  expect(meResponseSchema.parse(await me.json()).user.username).toBe('admin');
  expect((await ci.get(paths.me, { headers: { 'x-api-key': secret } })).status()).toBe(401);

  await page.goto('/account/integrations');
  // Its row (a 7-day token is also named in the expiry banner).
  await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  const revoke = await page.request.delete(paths.apiKey(apiKey.id), { headers: csrf });
  expect(revoke.status()).toBe(204);
  const after = await ci.get(paths.me, asToken);
  expect(after.status()).toBe(401);
  expect(after.headers()['www-authenticate']).toContain('invalid_token');
  await ci.dispose();
});
