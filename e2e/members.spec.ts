import { paths } from '../src/contract/paths';
import { admin, createTokenOverApi, expect, expectNoAxeViolations, signInOverApi, test } from './fixtures';

test.describe('Settings → Members', () => {
  test('an admin invites a person, who joins and makes a token; deactivating them stops both at once', async ({ page, browser, playwright, baseURL, tag }) => {
    // Two browsers, four axe runs and a scrypt per password: longer than one page's test.
    test.slow();
    const username = `p-${tag}`;
    await signInOverApi(page.request, admin);
    await page.goto('/settings/members');
    await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
    await expectNoAxeViolations(page);

    // Add: the link is shown once, in the dialog.
    await page.getByRole('button', { name: 'Add person' }).click();
    const addDialog = page.getByRole('dialog', { name: 'Add a person' });
    await addDialog.getByLabel('Username').fill(username);
    await addDialog.getByRole('button', { name: 'Add and create invite link' }).click();
    const invited = page.getByRole('dialog', { name: `${username} is invited` });
    const inviteUrl = await invited.getByLabel('Invite link').inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${baseURL}/invite/[A-Za-z0-9_-]{43}$`));
    await expectNoAxeViolations(page);
    await invited.getByRole('button', { name: 'Done' }).click();
    await page.getByLabel('Search by username').fill(username);
    const row = page.getByRole('row', { name: new RegExp(username) });
    await expect(row.getByText('Invited')).toBeVisible();

    // The person opens the link in their own browser, chooses a password and is signed in.
    const theirs = await browser.newContext({ baseURL });
    const person = await theirs.newPage();
    await person.goto(inviteUrl);
    await expect(person.getByRole('heading', { name: `Welcome, ${username}` })).toBeVisible();
    await expectNoAxeViolations(person);
    await person.getByLabel('Choose a password').fill('a long and unguessable passphrase');
    await person.getByLabel('Type it again').fill('a long and unguessable passphrase');
    await person.getByRole('button', { name: 'Join and sign in' }).click();
    await expect(person).toHaveURL(/\/account\/integrations$/);
    const { secret } = await createTokenOverApi(person.request, { name: `deploy-${tag}`, environment: 'production', scopes: ['read:projects'], expiresInDays: 30 });
    const bearer = await playwright.request.newContext({ baseURL });
    const me = () => bearer.get(paths.me, { headers: { Authorization: `Bearer ${secret}`, 'User-Agent': 'curl/8.5.0' } });
    expect((await me()).status()).toBe(200);
    // The link was spent.
    await person.goto(inviteUrl);
    await expect(person.getByRole('heading', { name: 'This link doesn’t work any more' })).toBeVisible();

    // The admin deactivates, after the preview names the token that will stop.
    await page.reload();
    await expect(row.getByText('Active')).toBeVisible();
    await row.getByRole('button', { name: `Manage ${username}` }).click();
    await page.getByRole('dialog', { name: username }).getByRole('button', { name: 'Deactivate…' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Deactivate ${username}?` });
    await expect(confirm.getByText('1 token used in the last 7 days will stop working.')).toBeVisible();
    await expect(confirm.getByText(`deploy-${tag}`)).toBeVisible();
    await expect(confirm.getByText(/used just now with curl/)).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expectNoAxeViolations(page);
    await confirm.getByRole('button', { name: `Deactivate ${username}` }).click();
    await expect(page.getByRole('dialog', { name: username }).getByRole('button', { name: 'Reactivate' })).toBeVisible();

    // Their very next requests are refused: the session and the token.
    expect((await person.request.get(paths.me)).status()).toBe(401);
    expect((await me()).status()).toBe(401);
    await bearer.dispose();
    await theirs.close();
  });
});
