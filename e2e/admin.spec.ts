import { readFile } from 'node:fs/promises';
import { paths } from '../src/contract/paths';
import { admin, createTokenOverApi, csrf, expect, expectNoAxeViolations, member, signInOverApi, test } from './fixtures';

test.describe('Settings → API Tokens', () => {
  test('an admin revokes every never-used token in bulk and exports the review', async ({ page, playwright, baseURL, tag }) => {
    // Seed as maria over HTTP: two tokens made and never used, one used just now.
    const maria = await playwright.request.newContext({ baseURL });
    await signInOverApi(maria, member);
    const idle = [
      await createTokenOverApi(maria, { name: `idle-a-${tag}`, environment: 'development', scopes: ['read:projects'], expiresInDays: 30 }),
      await createTokenOverApi(maria, { name: `idle-b-${tag}`, environment: 'staging', scopes: ['read:workflows'], expiresInDays: 30 }),
    ];
    const busy = await createTokenOverApi(maria, { name: `busy-${tag}`, environment: 'production', scopes: ['read:projects'], expiresInDays: 30 });
    const bearer = await playwright.request.newContext({ baseURL });
    const me = (secret: string) => bearer.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } });
    expect((await me(busy.secret)).status()).toBe(200);

    await signInOverApi(page.request, admin);
    await page.goto('/settings/api-tokens');
    await expect(page.getByRole('heading', { level: 1, name: 'API Tokens' })).toBeVisible();
    // This test's tokens only: what the review shows and revokes must not depend on anyone else's.
    await page.getByRole('searchbox', { name: 'Search by name' }).fill(tag);
    await expect(page).toHaveURL(new RegExp(`q=${tag}`));
    await expect(page.getByRole('rowheader', { name: new RegExp(`busy-${tag}`) })).toBeVisible();
    // The counts arrive on their own request, beside the rows.
    await expect(page.getByText(/^Showing \d+ of \d+$/)).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Quick views' }).getByRole('button', { name: /^Never used \d+$/ })).toBeVisible();
    await expectNoAxeViolations(page);

    // CSV of the current view: header, one row per token, no secret anywhere.
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^keyline-tokens-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,name,owner,environment,scopes,status,createdAt,lastUsedAt,expiresAt,revokedAt');
    expect(lines.some((line) => line.includes(`busy-${tag},maria,production,read:projects,active`))).toBe(true);
    for (const { secret } of [...idle, busy]) expect(csv).not.toContain(secret.slice(-12));

    await page.getByRole('button', { name: /^Never used/ }).click();
    await expect(page).toHaveURL(/view=never-used/);
    await expect(page.getByRole('rowheader', { name: new RegExp(`busy-${tag}`) })).toBeHidden();
    await expect(page.getByRole('rowheader', { name: new RegExp(`idle-a-${tag}`) })).toBeVisible();

    await page.getByRole('checkbox', { name: 'Select all loaded tokens' }).check();
    await page.getByRole('button', { name: 'Revoke selected' }).click();
    const dialog = page.getByRole('alertdialog', { name: /^Revoke \d+ tokens? belonging to \d+ (person|people)\?$/ });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Anything still using them will start failing.');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: /^Revoke \d+ tokens?$/ }).click();

    await expect(page.getByRole('status').filter({ hasText: /^Revoked \d+ tokens?\.$/ })).toBeVisible();
    await expect(page.getByText('No tokens match this view')).toBeVisible();
    for (const { secret } of idle) expect((await me(secret)).status()).toBe(401);
    expect((await me(busy.secret)).status()).toBe(200);
    await maria.dispose();
    await bearer.dispose();
  });

  test('a member sees the policy read-only and why there is no more', async ({ page }) => {
    await signInOverApi(page.request, member);
    for (const path of [paths.adminApiKeys, paths.adminApiKeysSummary]) {
      const forbidden = await page.request.get(path, { headers: csrf });
      expect(forbidden.status(), path).toBe(403);
    }

    await page.goto('/settings/api-tokens');
    await expect(page.getByText('Only workspace admins can review everyone’s tokens.', { exact: false })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Account → Integrations' })).toHaveAttribute('href', '/account/integrations');
    await expect(page.getByText('Maximum lifetime')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save policy' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeHidden();
    await expectNoAxeViolations(page);
  });
});
