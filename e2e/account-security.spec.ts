import type { APIRequestContext } from '@playwright/test';
import { inviteResponseSchema } from '../src/contract/members';
import { paths } from '../src/contract/paths';
import { admin, csrf, expect, expectNoAxeViolations, signInOverApi, test } from './fixtures';

const iPhoneSafari =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const firstPassword = 'a first long passphrase';
const newPassword = 'a second, newer passphrase';

/** A person of this test's own, added by the admin and joined through their invite: the shared users' passwords never change. */
async function addPerson(adminRequest: APIRequestContext, username: string) {
  await signInOverApi(adminRequest, admin);
  const added = await adminRequest.post(paths.users, { data: { username, role: 'member' }, headers: csrf });
  expect(added.status(), await added.text()).toBe(201);
  const { user, inviteUrl } = inviteResponseSchema.parse(await added.json());
  const code = new URL(inviteUrl).pathname.split('/').at(-1) ?? '';
  return { id: user.id, code };
}

test.describe('My account → Security', () => {
  test('a person sees both of their browsers, signs the other out, then changes their password', async ({ browser, playwright, baseURL, tag }) => {
    // Two browsers, several axe runs and a scrypt per password.
    test.slow();
    const username = `s-${tag}`;
    const adminRequest = await playwright.request.newContext({ baseURL });
    const person = await addPerson(adminRequest, username);
    const laptop = await browser.newContext({ baseURL });
    const phone = await browser.newContext({ baseURL, userAgent: iPhoneSafari });
    try {
      // Joining signs the laptop in; the phone signs in with the password.
      const accepted = await laptop.request.post(paths.inviteAccept(person.code), { data: { password: firstPassword }, headers: csrf });
      expect(accepted.status(), await accepted.text()).toBe(200);
      await signInOverApi(phone.request, { username, password: firstPassword });

      const page = await laptop.newPage();
      await page.goto('/account/integrations');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
      const sessions = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
      await expect(sessions).toHaveCount(2);
      await expect(sessions.first().getByText('This device')).toBeVisible();
      await expect(sessions.first().getByText(/^Chrome on /)).toBeVisible();
      await expect(sessions.nth(1).getByText('Safari on iPhone')).toBeVisible();
      await expect(sessions.nth(1).getByText('127.0.0.1')).toBeVisible();
      await expectNoAxeViolations(page);

      // The phone, signed out from the laptop, is sent to sign in on its next page.
      const phonePage = await phone.newPage();
      await phonePage.goto('/account/security');
      await expect(phonePage.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
      await sessions.nth(1).getByRole('button', { name: /^Sign out Safari on iPhone/ }).click();
      await expect(page.getByText('Signed out of that session.')).toBeVisible();
      await expect(sessions).toHaveCount(1);
      await phonePage.reload();
      await expect(phonePage).toHaveURL(/\/sign-in/);

      // Signed in again, then out with all others, after the question.
      await signInOverApi(phone.request, { username, password: firstPassword });
      await page.reload();
      await expect(sessions).toHaveCount(2);
      await page.getByRole('button', { name: 'Sign out all other sessions' }).click();
      const confirm = page.getByRole('alertdialog', { name: 'Sign out all other sessions?' });
      await expect(confirm).toBeVisible();
      await expectNoAxeViolations(page);
      await confirm.getByRole('button', { name: 'Sign out 1 other session' }).click();
      await expect(page.getByText('Signed out of 1 other session.')).toBeVisible();
      await expect(sessions).toHaveCount(1);
      expect((await phone.request.get(paths.me)).status()).toBe(401);

      // The password: a wrong current one is refused on its field, the right one changes it.
      await signInOverApi(phone.request, { username, password: firstPassword });
      const form = page.getByRole('form', { name: 'Change password' });
      await form.getByLabel('Current password').fill('not my password at all');
      await form.getByLabel('New password', { exact: true }).fill(newPassword);
      await form.getByLabel('Type the new password again').fill(newPassword);
      await form.getByRole('button', { name: 'Change password' }).click();
      await expect(form.getByText('That is not your current password.')).toBeVisible();
      await form.getByLabel('Current password').fill(firstPassword);
      await form.getByRole('button', { name: 'Change password' }).click();
      await expect(form.getByText('Password changed. 1 other session was signed out.')).toBeVisible();
      await expectNoAxeViolations(page);
      expect((await phone.request.get(paths.me)).status()).toBe(401);
      expect((await laptop.request.get(paths.me)).status()).toBe(200);

      // The old password no longer signs in; the new one does.
      const fresh = await playwright.request.newContext({ baseURL });
      const signIn = (password: string) => fresh.post(paths.session, { data: { username, password }, headers: csrf });
      expect((await signIn(firstPassword)).status()).toBe(401);
      expect((await signIn(newPassword)).status()).toBe(200);
      await fresh.dispose();
    } finally {
      await laptop.close();
      await phone.close();
      // Nobody else may sign in as this test's person afterwards.
      const deactivated = await adminRequest.patch(paths.user(person.id), { data: { status: 'deactivated' }, headers: csrf });
      expect(deactivated.status(), await deactivated.text()).toBe(200);
      await adminRequest.dispose();
    }
  });
});
