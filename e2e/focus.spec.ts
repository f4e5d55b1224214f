import { createTokenOverApi, expect, test } from './fixtures';

// Where keyboard focus goes as dialogs open and close: to the control the dialog is for, the safe
// choice in a destructive one, and back to the control that opened it — never <body>.

test('Create starts at the name; the reveal starts at Copy; closing returns to Create token', async ({ signedInPage: page, tag }) => {
  await page.goto('/account/integrations');
  const create = page.getByRole('button', { name: 'Create token' }).first();
  await create.click();
  const dialog = page.getByRole('dialog', { name: 'Create a token' });
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(create).toBeFocused();

  await create.click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill(`focus ${tag}`);
  await dialog.getByRole('radiogroup', { name: 'Projects' }).getByText('Read', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Create token' }).click();
  const reveal = page.getByRole('dialog', { name: 'Copy your new token' });
  await expect(reveal.getByRole('button', { name: 'Copy' })).toBeFocused();
  await reveal.getByRole('button', { name: 'I have stored it' }).click();
  await expect(reveal).toBeHidden();
  await expect(create).toBeFocused();
});

test('revoke and rotate start at Cancel and give focus back to the row’s button', async ({ signedInPage: page, tag }) => {
  const name = `focus row ${tag}`;
  await createTokenOverApi(page.request, { name, environment: 'development', scopes: ['read:projects'], expiresInDays: 30 });
  await page.goto('/account/integrations');
  const row = page.getByRole('row').filter({ hasText: name });

  const revoke = row.getByRole('button', { name: `Revoke ${name}` });
  await revoke.click();
  const confirm = page.getByRole('alertdialog', { name: `Revoke “${name}”?` });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(revoke).toBeFocused();

  const rotate = row.getByRole('button', { name: `Rotate ${name}` });
  await rotate.click();
  const rotateDialog = page.getByRole('dialog', { name: `Rotate “${name}”?` });
  await expect(rotateDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await rotateDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(rotateDialog).toBeHidden();
  await expect(rotate).toBeFocused();

  // A confirmed revoke takes the row (and its button) away: focus goes to the list's heading.
  await revoke.click();
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByText(`“${name}” revoked.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your tokens' })).toBeFocused();
});
