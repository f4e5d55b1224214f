import { admin, createTokenOverApi, expect, expectNoAxeViolations, member, signInOverApi, test } from './fixtures';

test('signs in through the form, lands on Personal access tokens, and signs out', async ({ page }) => {
  await page.goto('/account/integrations');
  // Signed out: sent to sign in, with the way back remembered.
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount%2Fintegrations/);

  await page.getByLabel('Username').fill(admin.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Incorrect username or password.')).toBeVisible();

  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account\/integrations$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeVisible();
  await expect(page.getByRole('banner').getByText(admin.username, { exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/account/integrations');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the sign-in page has no axe violations', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an unknown page says so', async ({ signedInPage: page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('a member signs in and sees only their own tokens', async ({ page, playwright, baseURL, tag }) => {
  const asAdmin = await playwright.request.newContext({ baseURL });
  await signInOverApi(asAdmin);
  const adminsToken = `admin only ${tag}`;
  await createTokenOverApi(asAdmin, { name: adminsToken, environment: 'development', scopes: ['read:projects'], expiresInDays: 7 });
  await asAdmin.dispose();

  await signInOverApi(page.request, member);
  const mine = `maria's own ${tag}`;
  await createTokenOverApi(page.request, { name: mine, environment: 'development', scopes: ['read:projects'], expiresInDays: 7 });
  await page.goto('/account/integrations?status=all');
  await expect(page.getByRole('row').filter({ hasText: mine })).toBeVisible();
  await expect(page.getByRole('banner').getByText(member.username, { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your tokens' })).toBeVisible();
  await expect(page.getByText(adminsToken)).toHaveCount(0);
});
