import { inviteResponseSchema, memberListSchema } from '../src/contract/members';
import { meResponseSchema } from '../src/contract/users';
import { paths } from '../src/contract/paths';
import { admin, csrf, expect, expectNoAxeViolations, signInOverApi, test } from './fixtures';

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

    await bearer.dispose();
    await theirs.close();
  });
});
