import { expect, test } from './fixtures';

test('the SPA is served with a strict CSP it never violates, and no inline script', async ({ signedInPage: page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  for (const path of ['/', '/account/integrations', '/settings/api-tokens', '/no/such/page']) {
    const response = await page.goto(path);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy'], path).toContain("script-src 'self'");
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  // Open a dialog too: everything the app renders must live within the policy.
  await page.goto('/account/integrations');
  await page.getByRole('button', { name: 'Create token' }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();

  const html = await (await page.request.get('/')).text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toMatch(/\bsrc=/);
  expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
  expect(html).not.toMatch(/\son[a-z]+=/i);
  expect(violations).toEqual([]);
});
