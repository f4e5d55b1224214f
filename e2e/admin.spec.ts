import { readFile } from 'node:fs/promises';
import { paths } from '../src/contract/paths';
import { admin, createTokenOverApi, csrf, expect, expectNoAxeViolations, member, signInOverApi, test } from './fixtures';

test.describe('Settings → API tokens and Token policy', () => {
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
    await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
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
    expect(lines[0]).toBe('id,name,owner,ownerType,environment,scopes,scopesUsed,status,createdAt,lastUsedAt,expiresAt,revokedAt,revokedBy,revokedReason');
    expect(lines.some((line) => line.includes(`busy-${tag},maria,person,production,read:projects,,active`))).toBe(true);
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

    await expect(page.getByRole('status').filter({ hasText: /^Revoked \d+ tokens?\./ })).toBeVisible();
    await expect(page.getByText('No tokens match this view')).toBeVisible();
    for (const { secret } of idle) expect((await me(secret)).status()).toBe(401);
    expect((await me(busy.secret)).status()).toBe(200);
    await maria.dispose();
    await bearer.dispose();
  });

  test('an admin revokes one token from its row menu, by keyboard, after confirming', async ({ page, playwright, baseURL, tag }) => {
    // Many steps, each a round trip, on a machine other runs share.
    test.setTimeout(60_000);
    const maria = await playwright.request.newContext({ baseURL });
    await signInOverApi(maria, member);
    const kept = await createTokenOverApi(maria, { name: `Grafana dashboard ${tag}`, environment: 'staging', scopes: ['read:projects'], expiresInDays: 30 });
    const doomed = await createTokenOverApi(maria, { name: `Nightly export ${tag}`, environment: 'production', scopes: ['read:projects'], expiresInDays: 30 });
    const bearer = await playwright.request.newContext({ baseURL });
    const me = (secret: string) => bearer.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } });

    await signInOverApi(page.request, admin);
    await page.goto(`/settings/api-tokens?q=${tag}`);
    // Opens on active tokens.
    await expect(page.getByRole('navigation', { name: 'Quick views' }).getByRole('button', { name: /^Active/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('link', { name: `Nightly export ${tag}` })).toHaveAttribute('href', `/account/integrations/tokens/${doomed.apiKey.id}`);

    const menuButton = page.getByRole('button', { name: `Actions for Nightly export ${tag} (maria)` });
    await menuButton.focus();
    await page.keyboard.press('ArrowDown');
    const menu = page.getByRole('menu', { name: `Actions for Nightly export ${tag}` });
    await expect(menu.getByRole('menuitem', { name: 'Open token' })).toBeFocused();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(menuButton).toBeFocused();

    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'Revoke…' })).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: `Revoke “Nightly export ${tag}”?` });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    // Cancel first: nothing happens, and focus is back on the row's menu button.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(menuButton).toBeFocused();
    expect((await me(doomed.secret)).status()).toBe(200);

    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    const notice = page.getByRole('status').filter({ hasText: `“Nightly export ${tag}” (maria) revoked.` });
    await expect(notice).toBeFocused();
    await expect(page.getByRole('rowheader', { name: new RegExp(`Nightly export ${tag}`) })).toBeHidden();
    expect((await me(doomed.secret)).status()).toBe(401);
    expect((await me(kept.secret)).status()).toBe(200);

    await notice.getByRole('button', { name: 'Show revoked tokens' }).click();
    await expect(page.getByRole('rowheader', { name: new RegExp(`Nightly export ${tag}`) })).toBeVisible();
    await maria.dispose();
    await bearer.dispose();
  });

  test('the token policy has its own page in Settings, apart from the review', async ({ page }) => {
    await signInOverApi(page.request, admin);
    await page.goto('/settings/api-tokens');
    await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save policy' })).toBeHidden();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Token policy' }).click();
    await expect(page).toHaveURL(/\/settings\/token-policy$/);
    await expect(page).toHaveTitle('Token policy · Keyline');
    await expect(page.getByRole('heading', { level: 1, name: 'Token policy' })).toBeVisible();
    const save = page.getByRole('button', { name: 'Save policy' });
    await expect(save).toBeVisible();
    await expectNoAxeViolations(page);

    // Saving what is there changes nothing, says so, and leaves focus where it was.
    await save.click();
    await expect(page.getByRole('status').filter({ hasText: 'Policy saved.' })).toBeVisible();
    await expect(save).toBeFocused();
  });

  test('a member sees the token policy read-only, at its own address', async ({ page }) => {
    await signInOverApi(page.request, member);
    for (const path of [paths.adminApiKeys, paths.adminApiKeysSummary]) {
      const forbidden = await page.request.get(path, { headers: csrf });
      expect(forbidden.status(), path).toBe(403);
    }

    // An old link to the review leads a member to the page that is theirs.
    await page.goto('/settings/api-tokens');
    await expect(page).toHaveURL(/\/settings\/token-policy$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Token policy' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Personal access tokens' })).toHaveAttribute('href', '/account/integrations');
    await expect(page.getByText('Maximum lifetime')).toBeVisible();
    await expect(page.getByRole('listitem', { name: 'Production' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Save policy' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeHidden();
    await expectNoAxeViolations(page);
  });
});
