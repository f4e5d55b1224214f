import { paths } from '../src/contract/paths';
import { revokeLeakedAnswer } from '../src/contract/leaks';
import { createTokenOverApi, expect, expectNoAxeViolations, test } from './fixtures';

test('test a token: Report as leaked asks first, revokes at once, and the timeline says why', async ({ signedInPage: page, playwright, baseURL, tag }) => {
  // Two axe runs on a shared machine: more than the usual 30 s.
  test.setTimeout(90_000);
  const name = `gist ${tag}`;
  const { apiKey, secret } = await createTokenOverApi(page.request, {
    name,
    environment: 'production',
    scopes: ['read:projects'],
    expiresInDays: 30,
  });
  // A CI job elsewhere, holding the secret: no cookie.
  const ci = await playwright.request.newContext({ baseURL });
  const meStatus = async () => (await ci.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } })).status();
  expect(await meStatus()).toBe(200);

  await page.goto('/account/integrations');
  await page.getByRole('textbox', { name: 'Token to test' }).fill(secret);
  await page.getByRole('button', { name: 'Check token' }).click();
  const panel = page.getByRole('region', { name: 'Test a token' });
  await expect(panel.getByText(`Active: “${name}”, yours.`)).toBeVisible();
  await panel.getByRole('button', { name: 'Report as leaked…' }).click();

  const dialog = page.getByRole('alertdialog', { name: `Report “${name}” as leaked?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('It is revoked at once');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(page);
  expect(await meStatus()).toBe(200);

  await dialog.getByRole('button', { name: 'Revoke as leaked' }).click();
  await expect(panel.getByText(`“${name}” revoked: reported leaked.`)).toBeVisible();
  expect(await meStatus()).toBe(401);
  expect(page.url()).not.toContain(secret.slice(8));

  await panel.getByRole('link', { name: 'View its timeline' }).click();
  await expect(page).toHaveURL(new RegExp(`/account/integrations/tokens/${apiKey.id}$`));
  await expect(page.getByText('Revoked: reported leaked', { exact: true })).toBeVisible();
  await expect(page.getByText('Someone holding its secret reported it.')).toBeVisible();
  await expectNoAxeViolations(page);
  await ci.dispose();
});

test('revoke-leaked from a script: JSON over HTTP with no cookie and no CSRF header, one answer for any token', async ({ signedInPage: page, playwright, baseURL, tag }) => {
  const { secret } = await createTokenOverApi(page.request, { name: `script ${tag}`, environment: 'development', scopes: ['read:projects'], expiresInDays: 30 });
  const script = await playwright.request.newContext({ baseURL });
  for (const token of [secret, 'kl_dev_nothing', secret]) {
    const response = await script.post(paths.revokeLeaked, { data: { token } });
    expect(response.status(), await response.text()).toBe(202);
    expect(await response.json()).toEqual(revokeLeakedAnswer);
  }
  expect((await script.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(401);
  await script.dispose();
});
