import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { paths } from '../src/contract/paths';
import { expect, expectNoAxeViolations, test } from './fixtures';

// Account → Integrations against the real server: create in the browser, copy the secret once,
// use it over HTTP, watch "last used" update, find the secret nowhere, revoke, see 401.

const bearer = (secret: string) => ({ headers: { Authorization: `Bearer ${secret}` } });

async function meStatus(request: APIRequestContext, secret: string) {
  return (await request.get(paths.me, bearer(secret))).status();
}

/** Everything the browser keeps for this origin, as text: the secret must be in none of it. */
async function browserState(page: Page) {
  return page.evaluate(async () => {
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    return JSON.stringify({
      url: location.href,
      history: history.state,
      local: { ...localStorage },
      session: { ...sessionStorage },
      indexedDb: databases.map((db) => db.name),
      cookies: document.cookie,
      html: document.documentElement.outerHTML,
    });
  });
}

/** Segmented choices are styled native radios: a person clicks the visible label. */
async function choose(group: Locator, option: string) {
  await group.getByText(option, { exact: true }).click();
  await expect(group.getByRole('radio', { name: option })).toBeChecked();
}

function tokenRow(page: Page, name: string): Locator {
  return page.getByRole('row').filter({ hasText: name });
}

test.describe('Account → Integrations', () => {
  test('create, copy once, use, revoke — with the mouse', async ({ signedInPage: page, context, playwright, baseURL, tag }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    const name = `prod deploy ${tag}`;
    await page.goto('/account/integrations');
    await page.getByRole('button', { name: 'Create token' }).first().click();

    const form = page.getByRole('dialog');
    await expect(form).toBeVisible();
    await form.getByLabel('Name').fill(name);
    await form.getByRole('radio', { name: /Production/ }).check();
    await choose(form.getByRole('radiogroup', { name: 'Projects' }), 'Read');
    await choose(form.getByRole('radiogroup', { name: 'Deployments' }), 'Read');
    await choose(form.getByRole('radiogroup', { name: 'Expiration' }), '7 days');
    await expect(form.getByRole('region', { name: 'Summary' })).toContainText('This token will be able to');
    await form.getByRole('button', { name: 'Create token' }).click();

    const reveal = page.getByRole('dialog', { name: 'Copy your new token' });
    await expect(reveal).toBeVisible();
    const field = reveal.getByRole('textbox', { name: 'Token secret' });
    const shown = await field.inputValue();
    expect(shown).toMatch(/^kl_prod_[0-9A-Za-z]{36}$/);
    await reveal.getByRole('button', { name: 'Copy' }).click();
    await expect(reveal.getByText('Copied')).toBeVisible();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toBe(shown);

    // A CI job: no cookies, only the bearer token.
    const ci = await playwright.request.newContext({ baseURL });
    expect(await meStatus(ci, secret)).toBe(200);

    await reveal.getByRole('button', { name: 'I have stored it' }).click();
    await expect(reveal).toBeHidden();
    // Clear the clipboard so the check below looks at the page only.
    await page.evaluate(() => navigator.clipboard.writeText(''));

    await page.reload();
    await expect(tokenRow(page, name)).toContainText('just now');
    await expect(tokenRow(page, name)).toContainText('Production');
    expect(await browserState(page)).not.toContain(secret);
    expect(await browserState(page)).not.toContain(secret.slice(8, 30));

    await page.getByRole('button', { name: `Revoke ${name}` }).click();
    const confirm = page.getByRole('alertdialog');
    await expect(confirm).toContainText(name);
    await expect(confirm).toContainText('just now');
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0);
    expect(await meStatus(ci, secret)).toBe(401);
    await ci.dispose();
  });

  test('create, copy once, use, revoke — with the keyboard only', async ({ signedInPage: page, playwright, baseURL, tag }) => {
    const name = `keyboard ${tag}`;
    await page.goto('/account/integrations');
    await expect(page.getByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeVisible();

    /** Tabs forward until `target` has focus: proves it is reachable without a mouse. */
    async function tabTo(target: Locator, limit = 60) {
      for (let i = 0; i < limit; i++) {
        if (await target.evaluate((el) => el === document.activeElement)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error('Not reachable with Tab');
    }

    await tabTo(page.getByRole('button', { name: 'Create token' }).first());
    await page.keyboard.press('Enter');
    const form = page.getByRole('dialog');
    await expect(form).toBeVisible();
    await tabTo(form.getByLabel('Name'));
    await page.keyboard.type(name);
    await tabTo(form.getByRole('radio', { name: /Development/ }));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(form.getByRole('radio', { name: /Production/ })).toBeChecked();
    await tabTo(form.getByRole('radiogroup', { name: 'Projects' }).getByRole('radio').first());
    await page.keyboard.press('ArrowRight');
    await expect(form.getByRole('radiogroup', { name: 'Projects' }).getByRole('radio', { name: 'Read' })).toBeChecked();
    await tabTo(form.getByRole('radiogroup', { name: 'Deployments' }).getByRole('radio').first());
    await page.keyboard.press('ArrowRight');
    // Tab lands on the checked choice (30 days, the default); one step left is 7 days.
    await tabTo(form.getByRole('radiogroup', { name: 'Expiration' }).getByRole('radio', { name: '30 days' }));
    await page.keyboard.press('ArrowLeft');
    await expect(form.getByRole('radiogroup', { name: 'Expiration' }).getByRole('radio', { name: '7 days' })).toBeChecked();
    await tabTo(form.getByRole('button', { name: 'Create token' }));
    await page.keyboard.press('Enter');

    const reveal = page.getByRole('dialog', { name: 'Copy your new token' });
    await expect(reveal).toBeVisible();
    const secret = await reveal.getByRole('textbox', { name: 'Token secret' }).inputValue();
    const ci = await playwright.request.newContext({ baseURL });
    expect(await meStatus(ci, secret)).toBe(200);

    // Escape asks before the secret is thrown away; keeping it open keeps it.
    await page.keyboard.press('Escape');
    await expect(reveal.getByText('Discard this token’s secret?')).toBeVisible();
    await page.keyboard.press('Enter'); // "Keep it open" has focus
    await expect(reveal.getByRole('textbox', { name: 'Token secret' })).toHaveValue(secret);
    await tabTo(reveal.getByRole('button', { name: 'I have stored it' }));
    await page.keyboard.press('Enter');
    await expect(reveal).toBeHidden();
    expect(await browserState(page)).not.toContain(secret);

    await tabTo(page.getByRole('button', { name: `Revoke ${name}` }));
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('alertdialog');
    await expect(confirm).toContainText(name);
    await tabTo(confirm.getByRole('button', { name: 'Revoke token' }));
    await page.keyboard.press('Enter');
    await expect(confirm).toBeHidden();
    await expect.poll(() => meStatus(ci, secret)).toBe(401);
    await ci.dispose();
  });

  test('no axe violations on the page and on every dialog', async ({ signedInPage: page, tag }) => {
    // Seven full axe runs (a few seconds each on a busy machine): more than one page's usual allowance.
    test.slow();
    await page.goto('/account/integrations');
    await expect(page.getByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Create token' }).first().click();
    const form = page.getByRole('dialog');
    await expect(form).toBeVisible();
    await expectNoAxeViolations(page);

    const name = `axe ${tag}`;
    await form.getByLabel('Name').fill(name);
    await choose(form.getByRole('radiogroup', { name: 'Projects' }), 'Write');
    await form.getByRole('button', { name: 'Create token' }).click();
    const reveal = page.getByRole('dialog', { name: 'Copy your new token' });
    await expect(reveal).toBeVisible();
    await expectNoAxeViolations(page);

    await page.keyboard.press('Escape');
    await expect(reveal.getByText('Discard this token’s secret?')).toBeVisible();
    await expectNoAxeViolations(page);
    await reveal.getByRole('button', { name: 'Discard' }).click();
    await expect(reveal).toBeHidden();

    await page.getByRole('button', { name: `Revoke ${name}` }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('at phone width: choices stack instead of wrapping, and the scope levels line up in three columns', async ({ signedInPage: page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/account/integrations');
    await page.getByRole('button', { name: 'Create token' }).first().click();
    const form = page.getByRole('dialog');
    await expect(form).toBeVisible();

    // Expiration: one option a line, each as wide as the list, none beside another.
    const expiration = form.getByRole('radiogroup', { name: 'Expiration' });
    const boxes = await expiration.locator('label').evaluateAll((labels) =>
      labels.map((label) => {
        const box = label.getBoundingClientRect();
        return { left: Math.round(box.left), width: Math.round(box.width), top: Math.round(box.top) };
      }),
    );
    expect(boxes.length).toBeGreaterThan(2);
    expect(new Set(boxes.map((box) => box.left)).size).toBe(1);
    expect(new Set(boxes.map((box) => box.width)).size).toBe(1);
    expect(new Set(boxes.map((box) => box.top)).size).toBe(boxes.length);

    // Scopes: None / Read / Write start at the same x on every resource row.
    const columns = await form.getByRole('radiogroup', { name: /^(Projects|Workflows|Security|Deployments)$/ }).evaluateAll((groups) =>
      groups.map((group) => [...group.querySelectorAll('label')].map((label) => Math.round(label.getBoundingClientRect().left))),
    );
    expect(columns).toHaveLength(4);
    for (const row of columns) expect(row).toEqual(columns[0]);
    expect(columns[0]).toHaveLength(3);
    await expectNoAxeViolations(page);
  });
});
