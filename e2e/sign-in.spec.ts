import { admin, createTokenOverApi, expect, expectNoAxeViolations, member, signInOverApi, signOutOverApi, test } from './fixtures';

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

test('a session that expires while creating: says so, keeps the username, and gives the draft back after signing in', async ({
  page,
  tag,
}) => {
  await signInOverApi(page.request, admin);
  await page.goto('/account/integrations');
  await page.getByRole('button', { name: 'Create token' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create a token' });
  const name = `nightly backup ${tag}`;
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('radiogroup', { name: 'Projects' }).getByText('Read', { exact: true }).click();

  // The session ends elsewhere (signed out in another tab) while the form is open.
  await signOutOverApi(page.request);
  await dialog.getByRole('button', { name: 'Create token' }).click();

  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount%2Fintegrations/);
  await expect(page.getByText('Your session expired')).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue(admin.username);
  await expect(page.getByLabel('Password')).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const restored = page.getByRole('dialog', { name: 'Create a token' });
  await expect(restored.getByRole('textbox', { name: 'Name' })).toHaveValue(name);
  await expect(restored.getByRole('radiogroup', { name: 'Projects' }).getByRole('radio', { name: 'Read' })).toBeChecked();
  await restored.getByRole('button', { name: 'Cancel' }).click();
  await signOutOverApi(page.request);
});
