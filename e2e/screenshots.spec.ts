import { expect, test } from '@playwright/test';
import { createTokenOverApi, signInOverApi } from './fixtures';

// `npm run screenshots` (not a test): pictures to look at, not to diff, written to .tmp/screenshots/
// at phone and desktop widths, light and dark. The assertions only make sure the page being pictured
// is the right one.

const widths = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 860 },
] as const;
const schemes = ['light', 'dark'] as const;

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await signInOverApi(request);
  const seeds = [
    { name: 'Laptop scripts', description: 'Local automation on my laptop', environment: 'development', scopes: ['read:projects', 'read:workflows'], expiresInDays: 90 },
    { name: 'Staging deploy', environment: 'staging', scopes: ['write:deployments', 'read:projects'], expiresInDays: 30 },
    { name: 'Production deploy (GitHub Actions)', description: 'deploy.yml on main', environment: 'production', scopes: ['read:projects', 'read:workflows', 'write:deployments'], expiresInDays: 7 },
  ];
  for (const seed of seeds) {
    const { secret } = await createTokenOverApi(request, { ...seed, name: `${seed.name} ${Date.now() % 1000}` });
    if (seed.environment !== 'staging') await request.get('/api/auth/me', { headers: { Authorization: `Bearer ${secret}` } });
  }
  await request.dispose();
});

for (const viewport of widths) {
  for (const scheme of schemes) {
    test(`screenshots at ${viewport.name} width, ${scheme}`, async ({ page }) => {
      // Every page in one test: longer than a browser test's default allowance.
      test.setTimeout(90_000);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: scheme });
      // Pages full length; dialogs as the viewport shows them.
      const shot = (name: string, fullPage = !name.endsWith('dialog')) =>
        page.screenshot({ path: `.tmp/screenshots/${name}-${viewport.name}-${scheme}.png`, fullPage });

      await page.goto('/sign-in');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      await shot('sign-in');

      await signInOverApi(page.request);
      await page.goto('/account/integrations');
      await expect(page.getByRole('row').nth(1)).toBeVisible();
      await shot('integrations');

      await page.getByRole('button', { name: 'Create token' }).first().click();
      const form = page.getByRole('dialog');
      await form.getByLabel('Name').fill('CI deploy');
      await form.getByRole('button', { name: 'Deploy from CI' }).click();
      await shot('create-dialog');
      await form.getByRole('button', { name: 'Create token' }).click();
      await expect(page.getByRole('dialog', { name: 'Copy your new token' })).toBeVisible();
      await shot('reveal-dialog');
      await page.getByRole('button', { name: 'I have stored it' }).click();

      await page.getByRole('link', { name: 'Production deploy (GitHub Actions)', exact: false }).first().click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Production deploy');
      await expect(page.getByText(/Created by/)).toBeVisible();
      await shot('token-detail');
      await page.goBack();

      await page.getByRole('button', { name: /^Revoke CI deploy/ }).click();
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
    });
  }
}
