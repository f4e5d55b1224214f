import type { APIRequestContext, Locator } from '@playwright/test';
import { paths } from '../src/contract/paths';
import { apiKeyListSchema, createApiKeyResponseSchema } from '../src/contract/tokens';
import { createTokenOverApi, csrf, expect, expectNoAxeViolations, test } from './fixtures';

// Token lifecycle against the real server: rotate with a grace period, both secrets work, cut off,
// the dead secret shows up on the timeline; the expiry banner; "test a token" on a revoked secret.

const bearer = (secret: string) => ({ headers: { Authorization: `Bearer ${secret}`, 'User-Agent': 'curl/8.5.0' } });

async function meStatus(request: APIRequestContext, secret: string) {
  return (await request.get(paths.me, bearer(secret))).status();
}

/** Segmented choices are styled native radios: a person clicks the visible label. */
async function choose(group: Locator, option: string) {
  await group.getByText(option, { exact: true }).click();
  await expect(group.getByRole('radio', { name: option })).toBeChecked();
}

test('rotate with a 1-hour grace, both secrets work, cut off, the rejected attempt is on the timeline', async ({
  signedInPage: page,
  playwright,
  baseURL,
  tag,
}) => {
  const name = `rotate me ${tag}`;
  const { secret: oldSecret } = await createTokenOverApi(page.request, {
    name,
    environment: 'staging',
    scopes: ['read:projects'],
    expiresInDays: 30,
  });
  const ci = await playwright.request.newContext({ baseURL });
  expect(await meStatus(ci, oldSecret)).toBe(200);

  await page.goto('/account/integrations');
  await page.getByRole('row').filter({ hasText: name }).getByRole('button', { name: `Rotate ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Rotate “${name}”?` });
  await expect(dialog).toBeVisible();
  await choose(dialog.getByRole('radiogroup', { name: 'Keep the old secret working for' }), '1 hour');
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Rotate token' }).click();

  const reveal = page.getByRole('dialog', { name: 'Copy your new token' });
  await expect(reveal).toBeVisible();
  const newSecret = await reveal.getByRole('textbox', { name: 'Token secret' }).inputValue();
  expect(newSecret).toMatch(/^kl_stg_[0-9A-Za-z]{36}$/);
  expect(newSecret).not.toBe(oldSecret);
  await reveal.getByRole('button', { name: 'I have stored it' }).click();
  await expect(reveal).toBeHidden();

  expect(await meStatus(ci, newSecret)).toBe(200);
  expect(await meStatus(ci, oldSecret)).toBe(200);

  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('The previous secret still works')).toBeVisible();
  await page.getByRole('button', { name: 'End grace period now' }).click();
  await expect(page.getByText('The previous secret still works')).toBeHidden();

  // Presenting the old secret once more after the cut-off: refused, and recorded.
  expect(await meStatus(ci, oldSecret)).toBe(401);
  expect(await meStatus(ci, newSecret)).toBe(200);
  await ci.dispose();

  await page.reload();
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline.getByText(/Rotated by admin/)).toBeVisible();
  await expect(timeline.getByText('Grace period ended early by admin')).toBeVisible();
  await expect(timeline.getByText('1 rejected attempt with the secret replaced by a rotate')).toBeVisible();
  await expect(timeline.getByText(/with curl/).first()).toBeVisible();
  expect(await page.content()).not.toContain(newSecret);
  await expectNoAxeViolations(page);
});

test('a token expiring within 7 days shows in the expiry banner', async ({ signedInPage: page, tag }) => {
  const name = `week token ${tag}`;
  // One day: the banner names only the soonest five, and other tests make 7-day tokens.
  await createTokenOverApi(page.request, { name, environment: 'development', scopes: ['read:projects'], expiresInDays: 1 });
  await page.goto('/account/integrations');
  const banner = page.getByRole('region', { name: 'Expiring tokens' });
  await expect(banner).toContainText(/tokens? expires? within 7 days/);
  await expect(banner.getByRole('button', { name: `Rotate ${name}` })).toBeVisible();

  // The count is the server's, over every token: the same as the list of active tokens soonest first says.
  const list = await page.request.get(`${paths.apiKeys}?status=active&sort=expiresAt&order=asc&limit=100`);
  const { expiringSoon } = apiKeyListSchema.parse(await list.json());
  await expect(banner).toContainText(`${expiringSoon.count} ${expiringSoon.count === 1 ? 'token expires' : 'tokens expire'} within 7 days`);
});

test('test a token: a revoked secret no longer works, with nothing to stop', async ({ signedInPage: page, tag }) => {
  const name = `leaked ${tag}`;
  const { apiKey, secret } = await createTokenOverApi(page.request, {
    name,
    environment: 'development',
    scopes: ['read:projects'],
    expiresInDays: 30,
  });
  const revoke = await page.request.delete(paths.apiKey(apiKey.id), { headers: csrf });
  expect(revoke.status()).toBe(204);

  await page.goto('/account/integrations');
  const field = page.getByRole('textbox', { name: 'Token to test' });
  await field.fill(secret);
  await page.getByRole('button', { name: 'Check token' }).click();
  const panel = page.getByRole('region', { name: 'Test a token' });
  await expect(panel.getByText(`No longer works: “${name}”, yours.`)).toBeVisible();
  await expect(field).toHaveValue('');
  await expect(panel.getByRole('button', { name: /revoke/i })).toHaveCount(0);
  expect(page.url()).not.toContain(secret.slice(8));
});

test('test a token: a replaced secret in its grace period is ended, and the new secret keeps working', async ({
  signedInPage: page,
  playwright,
  baseURL,
  tag,
}) => {
  const name = `grafana ${tag}`;
  const { apiKey, secret: oldSecret } = await createTokenOverApi(page.request, {
    name,
    environment: 'staging',
    scopes: ['read:projects'],
    expiresInDays: 30,
  });
  const rotated = await page.request.post(paths.apiKeyRotate(apiKey.id), { data: { gracePeriod: '24h' }, headers: csrf });
  expect(rotated.status(), await rotated.text()).toBe(201);
  const { secret: newSecret } = createApiKeyResponseSchema.parse(await rotated.json());
  const ci = await playwright.request.newContext({ baseURL });
  expect(await meStatus(ci, oldSecret)).toBe(200);
  expect(await meStatus(ci, newSecret)).toBe(200);

  await page.goto('/account/integrations');
  await page.getByRole('textbox', { name: 'Token to test' }).fill(oldSecret);
  await page.getByRole('button', { name: 'Check token' }).click();
  const panel = page.getByRole('region', { name: 'Test a token' });
  await expect(panel.getByText(`Still works: the replaced secret of “${name}”, yours.`)).toBeVisible();
  // Revoking would kill the new secret too: it is not offered for a replaced one.
  await expect(panel.getByRole('button', { name: /revoke/i })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'End grace period now' }).click();
  await expect(page.getByText('Grace period ended.')).toBeVisible();

  expect(await meStatus(ci, oldSecret)).toBe(401);
  expect(await meStatus(ci, newSecret)).toBe(200);
  await ci.dispose();
});

test('test a token: revoking a found token asks first and says what stops working', async ({ signedInPage: page, playwright, baseURL, tag }) => {
  const name = `pasted ${tag}`;
  const { apiKey, secret } = await createTokenOverApi(page.request, {
    name,
    environment: 'production',
    scopes: ['read:projects'],
    expiresInDays: 30,
  });
  await page.goto('/account/integrations');
  await page.getByRole('textbox', { name: 'Token to test' }).fill(secret);
  await page.getByRole('button', { name: 'Check token' }).click();
  const revoke = page.getByRole('button', { name: 'Revoke token…' });
  await revoke.click();
  const dialog = page.getByRole('alertdialog', { name: `Revoke “${name}”?` });
  await expect(dialog).toContainText(`Anything using ${apiKey.hint}`);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(revoke).toBeFocused();

  const ci = await playwright.request.newContext({ baseURL });
  expect(await meStatus(ci, secret)).toBe(200);
  await revoke.click();
  await dialog.getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByText(`“${name}” revoked.`)).toBeVisible();
  expect(await meStatus(ci, secret)).toBe(401);
  await ci.dispose();
});
