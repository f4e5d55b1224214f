import { inviteResponseSchema, memberListSchema } from '../src/contract/members';
import { meResponseSchema } from '../src/contract/users';
import { paths } from '../src/contract/paths';
import { admin, createServiceAccountOverApi, createTokenOverApi, csrf, deactivateServiceAccountOverApi, expect, expectNoAxeViolations, signInOverApi, test } from './fixtures';

test.describe('Settings → Service accounts', () => {
  test('an admin creates one with a manager, the manager makes its token, and it outlives the manager', async ({ page, browser, playwright, baseURL, tag }) => {
    // Two browsers, several axe runs and a scrypt per password: longer than one page's test.
    test.slow();
    const managerName = `m-${tag}`;
    const accountName = `sa-${tag}`;
    const tokenName = `deploy-${tag}`;

    // The manager-to-be joins through an invite, in their own browser.
    await signInOverApi(page.request, admin);
    const added = await page.request.post(paths.users, { data: { username: managerName, role: 'member' }, headers: csrf });
    expect(added.status()).toBe(201);
    const invite = inviteResponseSchema.parse(await added.json());
    const theirs = await browser.newContext({ baseURL });
    const manager = await theirs.newPage();
    const code = new URL(invite.inviteUrl).pathname.split('/').at(-1) ?? '';
    const joined = await manager.request.post(paths.inviteAccept(code), { data: { password: 'a long and unguessable passphrase' }, headers: csrf });
    expect(joined.status()).toBe(200);

    // The admin creates the service account with them as its manager, and lands on its page.
    await page.goto('/settings/service-accounts');
    await expect(page.getByRole('heading', { level: 1, name: 'Service accounts' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'New service account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New service account' });
    await dialog.getByLabel('Name').fill(accountName);
    await dialog.getByLabel('Description').fill('Deploys from CI');
    await dialog.getByLabel('Find a person').fill(managerName);
    await dialog.getByRole('list', { name: 'People to add' }).getByRole('checkbox', { name: managerName }).click();
    await expect(dialog.getByRole('checkbox', { name: managerName })).toBeChecked();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Create service account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: accountName })).toBeVisible();
    await expect(page.getByText('Deploys from CI')).toBeVisible();
    const account = { id: new URL(page.url()).pathname.split('/').at(-1) ?? '' };
    await expectNoAxeViolations(page);

    // The manager finds it in the navigation and makes a token for it with the usual flow.
    await manager.goto('/account/integrations');
    await manager.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Service accounts' }).click();
    await manager.getByRole('link', { name: accountName }).click();
    await expect(manager.getByRole('heading', { level: 1, name: accountName })).toBeVisible();
    await manager.getByRole('button', { name: 'Create token' }).first().click();
    const form = manager.getByRole('dialog');
    await form.getByLabel('Name').fill(tokenName);
    await form.getByRole('button', { name: 'Deploy from CI' }).click();
    await form.getByRole('button', { name: 'Create token' }).click();
    const reveal = manager.getByRole('dialog', { name: 'Copy your new token' });
    const secret = await reveal.getByRole('textbox', { name: 'Token secret' }).inputValue();
    await reveal.getByRole('button', { name: 'I have stored it' }).click();
    await expect(manager.getByRole('region', { name: `Tokens of ${accountName}` }).getByRole('link', { name: tokenName })).toBeVisible();

    const bearer = await playwright.request.newContext({ baseURL });
    const me = () => bearer.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } });
    expect((await me()).status()).toBe(200);

    // The admin review says whose it is.
    await page.goto(`/settings/api-tokens?q=${tokenName}&ownerKind=service_account`);
    await expect(page.getByRole('rowheader', { name: new RegExp(tokenName) })).toBeVisible();

    // Deactivating the manager signs them out, and the service account's token keeps working.
    const people = await page.request.get(paths.users, { params: { q: managerName } });
    const managerId = memberListSchema.parse(await people.json()).members[0]?.id ?? '';
    const deactivated = await page.request.patch(paths.user(managerId), { data: { status: 'deactivated' }, headers: csrf });
    expect(deactivated.status()).toBe(200);
    expect((await manager.request.get(paths.me)).status()).toBe(401);
    const answer = await me();
    expect(answer.status()).toBe(200);
    expect(meResponseSchema.parse(await answer.json()).user.username).toBe(accountName);

    // Runs do not pile up service accounts: this one goes, its token with it.
    await deactivateServiceAccountOverApi(page.request, account.id);
    await bearer.dispose();
    await theirs.close();
  });

  test('an admin deactivates one after seeing its live tokens: its token gets 401 at once, and only the Deactivated filter lists it', async ({ page, playwright, baseURL, tag }) => {
    test.slow();
    const accountName = `retired-${tag}`;
    const tokenName = `nightly-${tag}`;
    await signInOverApi(page.request, admin);
    const account = await createServiceAccountOverApi(page.request, { name: accountName, description: 'Nightly backups' });
    const { secret } = await createTokenOverApi(page.request, { name: tokenName, environment: 'production', scopes: ['read:projects'], expiresInDays: 30, ownerId: account.id });
    const bearer = await playwright.request.newContext({ baseURL });
    const me = () => bearer.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } });
    expect((await me()).status()).toBe(200);

    await page.goto(`/settings/service-accounts/${account.id}`);
    await page.getByRole('button', { name: 'Deactivate…' }).click();
    const deactivate = page.getByRole('alertdialog', { name: `Deactivate ${accountName}?` });
    await expect(deactivate.getByRole('list', { name: 'Tokens that stop working' }).getByText(tokenName)).toBeVisible();
    await expect(deactivate.getByText('1 token used in the last 7 days will stop working.')).toBeVisible();
    await expectNoAxeViolations(page);
    await deactivate.getByRole('button', { name: `Deactivate ${accountName}` }).click();
    await expect(page.getByText('This service account is deactivated')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create token' })).toHaveCount(0);
    expect((await me()).status()).toBe(401);
    await bearer.dispose();

    // Its token stays listed, revoked because its owner was deactivated.
    const tokens = page.getByRole('region', { name: `Tokens of ${accountName}` });
    await tokens.getByLabel('Status').selectOption('revoked');
    await expect(tokens.getByText(/owner deactivated/).first()).toBeVisible();
    await expectNoAxeViolations(page);

    // Off the default list; the Deactivated filter shows it.
    await page.getByRole('link', { name: '← Service accounts' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Service accounts' })).toBeVisible();
    await expect(page.getByRole('link', { name: accountName })).toHaveCount(0);
    // A segmented choice is a styled native radio: a person clicks its visible label.
    const show = page.getByRole('radiogroup', { name: 'Show' });
    await show.getByText('Deactivated', { exact: true }).click();
    await expect(show.getByRole('radio', { name: 'Deactivated' })).toBeChecked();
    await expect(page).toHaveURL(/status=deactivated/);
    await expect(page.getByRole('link', { name: accountName })).toBeVisible();
  });
});
