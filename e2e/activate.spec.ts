import type { APIRequestContext } from '@playwright/test';
import { deviceCodeResponseSchema, deviceTokenErrorSchema } from '../src/contract/device';
import { paths } from '../src/contract/paths';
import { createApiKeyResponseSchema } from '../src/contract/tokens';
import { admin, csrf, expect, expectNoAxeViolations, signInOverApi, test } from './fixtures';

/** The machine's side of a device login, over HTTP with no session: start, then poll. */
async function startDeviceLogin(machine: APIRequestContext, hostname: string) {
  const response = await machine.post(paths.deviceCode, { data: { clientName: 'keyline CLI', hostname, scopes: ['read:projects'] }, headers: csrf });
  expect(response.status(), await response.text()).toBe(200);
  return deviceCodeResponseSchema.parse(await response.json());
}

const poll = (machine: APIRequestContext, deviceCode: string) => machine.post(paths.deviceToken, { data: { deviceCode }, headers: csrf });

/** Polls as a well-behaved client does: every `interval` seconds, longer after a slow_down, until the token comes. */
async function collectToken(machine: APIRequestContext, deviceCode: string, interval: number) {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, interval * 1000));
    const response = await poll(machine, deviceCode);
    if (response.status() === 200) return createApiKeyResponseSchema.parse(await response.json());
    const answer = deviceTokenErrorSchema.parse(await response.json());
    if (answer.error === 'slow_down') interval = answer.interval ?? interval + 5;
    else expect(answer.error).toBe('authorization_pending');
  }
}

test.describe('/activate: device login', () => {
  test('approving in the browser hands the machine a working token once', async ({ page, playwright, baseURL, tag }) => {
    // Sign-in, two axe runs and at least one 5-second poll interval.
    test.slow();
    const machine = await playwright.request.newContext({ baseURL });
    try {
      const flow = await startDeviceLogin(machine, `host-${tag}`);
      const pending = deviceTokenErrorSchema.parse(await (await poll(machine, flow.deviceCode)).json());
      expect(pending.error).toBe('authorization_pending');

      // Signed out, the link goes through sign-in and comes back with the code.
      await page.goto(new URL(flow.verificationUriComplete).pathname + new URL(flow.verificationUriComplete).search);
      await expect(page).toHaveURL(/\/sign-in\?next=/);
      await page.getByLabel('Username').fill(admin.username);
      await page.getByLabel('Password').fill(admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await expect(page.getByRole('heading', { level: 1, name: 'Approve a device' })).toBeVisible();
      await expect(page.getByText(flow.userCode, { exact: true })).toBeVisible();
      await expect(page.getByText('Only approve if you started this on your own machine just now')).toBeVisible();
      await expect(page.getByText(`host-${tag}`, { exact: true })).toBeVisible();
      await expect(page.getByRole('checkbox', { name: /read:projects/ })).toBeChecked();
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: 'Approve' }).click();
      await expect(page.getByRole('heading', { name: 'Approved: go back to your terminal' })).toBeVisible();
      await expectNoAxeViolations(page);

      const { secret } = await collectToken(machine, flow.deviceCode, flow.interval);
      expect((await machine.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(200);
      const spent = deviceTokenErrorSchema.parse(await (await poll(machine, flow.deviceCode)).json());
      expect(spent.error).toBe('invalid_grant');

      await page.getByRole('link', { name: 'View the token' }).click();
      await expect(page.getByRole('heading', { level: 1, name: `CLI on host-${tag}` })).toBeVisible();
      await expect(page.getByText(/created via device login/i)).toBeVisible();
    } finally {
      await machine.dispose();
    }
  });

  test('a first poll after approval gets the token at once, and denying tells the machine no', async ({ page, playwright, baseURL, tag }) => {
    const machine = await playwright.request.newContext({ baseURL });
    try {
      await signInOverApi(page.request, admin);
      const flow = await startDeviceLogin(machine, `host-${tag}`);
      await page.goto(`/activate?code=${flow.userCode}`);
      await page.getByRole('button', { name: 'Approve' }).click();
      await expect(page.getByRole('heading', { name: 'Approved: go back to your terminal' })).toBeVisible();
      // First poll of this code: no slow_down, the token at once.
      const collected = await poll(machine, flow.deviceCode);
      expect(collected.status(), await collected.text()).toBe(200);
      createApiKeyResponseSchema.parse(await collected.json());

      const denied = await startDeviceLogin(machine, `other-${tag}`);
      await page.goto(`/activate?code=${denied.userCode.toLowerCase()}`);
      await page.getByRole('button', { name: 'Deny' }).click();
      await expect(page.getByRole('heading', { name: 'Denied' })).toBeVisible();
      await expectNoAxeViolations(page);
      const answer = deviceTokenErrorSchema.parse(await (await poll(machine, denied.deviceCode)).json());
      expect(answer.error).toBe('access_denied');
    } finally {
      await machine.dispose();
    }
  });
});
