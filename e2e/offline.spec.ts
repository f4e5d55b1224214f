import { expect, test } from './fixtures';

// Code split off the first load that fails to arrive (the network dropped, the server restarted) must
// not replace the page with "Something went wrong": the page stays, says so, and Retry fetches it.

test('Create whose code can’t be fetched says so over the page, and Retry opens it', async ({ signedInPage: page }) => {
  await page.route('**/assets/create-token-dialog-*.js', (route) => route.abort('internetdisconnected'));
  await page.goto('/account/integrations');
  await expect(page.getByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeVisible();
  await page.getByRole('button', { name: 'Create token' }).first().click();

  const notice = page.getByRole('alertdialog', { name: 'Couldn’t open — check your connection' });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('button', { name: 'Retry' })).toBeFocused();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);

  await page.unroute('**/assets/create-token-dialog-*.js');
  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('dialog', { name: 'Create a token' })).toBeVisible();
  await expect(notice).toBeHidden();
});

test('a page whose code can’t be fetched keeps the current page, says so, and Retry goes there', async ({ signedInPage: page }) => {
  await page.goto('/account/integrations');
  await expect(page.getByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeVisible();
  await page.route('**/assets/api-tokens-settings-*.js', (route) => route.abort('internetdisconnected'));
  // By address: the link's words are the navigation's business.
  await page.getByRole('navigation', { name: 'Main' }).locator('a[href="/settings/api-tokens"]').click();

  const notice = page.getByRole('alertdialog', { name: 'Couldn’t open — check your connection' });
  await expect(notice).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);

  await page.unroute('**/assets/api-tokens-settings-*.js');
  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
  await expect(notice).toBeHidden();
});
