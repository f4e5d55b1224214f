import { notificationPreferencesSchema } from '../src/contract/notification-preferences';
import { paths } from '../src/contract/paths';
import { csrf, expect, expectNoAxeViolations, test } from './fixtures';

test.describe('My account → Security → Email notices', () => {
  test('a person gives an address and turns expiry reminders off; both are kept', async ({ signedInPage: page }) => {
    const before = notificationPreferencesSchema.parse(await (await page.request.get(paths.accountNotifications)).json());
    try {
      await page.goto('/account/security');
      const notices = page.getByRole('form', { name: 'Email notices' });
      await notices.getByRole('textbox', { name: 'Email address' }).fill('admin@example.com');
      await notices.getByRole('checkbox', { name: /Remind me before my tokens expire/ }).uncheck();
      await notices.getByRole('button', { name: 'Save email notices' }).click();
      await expect(notices.getByText('Saved.')).toBeVisible();
      await expectNoAxeViolations(page);

      await page.reload();
      await expect(notices.getByRole('textbox', { name: 'Email address' })).toHaveValue('admin@example.com');
      await expect(notices.getByRole('checkbox', { name: /Remind me before my tokens expire/ })).not.toBeChecked();

      // A wrong address is refused on its field, before anything is sent.
      await notices.getByRole('textbox', { name: 'Email address' }).fill('admin at example');
      await notices.getByRole('button', { name: 'Save email notices' }).click();
      await expect(notices.getByText('Enter an email address like name@example.com.')).toBeVisible();
      await expect(notices.getByRole('textbox', { name: 'Email address' })).toBeFocused();
    } finally {
      const restored = await page.request.put(paths.accountNotifications, { data: { email: before.email, expiryEmails: before.expiryEmails }, headers: csrf });
      expect(restored.status()).toBe(200);
    }
  });
});
