import type { APIRequestContext, Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { inviteResponseSchema } from '../src/contract/members';
import { paths } from '../src/contract/paths';
import { meResponseSchema } from '../src/contract/users';
import { oidc, oidcPort } from '../playwright.config';
import { admin, csrf, expect, expectNoAxeViolations, signInOverApi, signOutOverApi, test } from './fixtures';

// Single sign-on in a real browser against the test OpenID provider (oidc-provider on loopback, the
// issuer the app is configured with in playwright.config.ts), through its own login and consent pages.
// The app reads the provider's metadata on the first sign-in, so the provider starts here, not with the app.

const oidcProviderName = oidc.KEYLINE_OIDC_NAME;
let provider: ChildProcess | undefined;

test.beforeAll(async ({ baseURL }) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/sso/testing/run-test-provider.ts'], {
    // The client secret travels in the environment, never on the command line.
    env: { ...process.env, ...oidc, TEST_OIDC_PORT: String(oidcPort), TEST_OIDC_REDIRECT_URI: `${baseURL}${paths.ssoCallback}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  provider = child;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Test OpenID provider at')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`The test provider exited (${code}):\n${output}`)));
  });
});

test.afterAll(() => {
  provider?.kill();
});

// The provider's pages ask for a web font: the tests stay on loopback.
test.beforeEach(async ({ page }) => {
  await page.route(/^https:\/\/fonts\./, (route) => route.abort());
});

/** An invited person, added by the admin over HTTP; deactivated again by `removePerson`. */
async function addPerson(request: APIRequestContext, username: string) {
  await signInOverApi(request, admin);
  const response = await request.post(paths.users, { data: { username, role: 'member' }, headers: csrf });
  expect(response.status(), await response.text()).toBe(201);
  await signOutOverApi(request);
  return inviteResponseSchema.parse(await response.json()).user;
}

async function removePerson(request: APIRequestContext, id: string) {
  await signInOverApi(request, admin);
  const response = await request.patch(paths.user(id), { data: { status: 'deactivated' }, headers: csrf });
  expect(response.status(), await response.text()).toBe(200);
  await signOutOverApi(request);
}

/** At the provider: its login page (any password), then its consent page. */
async function signInAtProvider(page: Page, login: string) {
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('an invited person signs in with the provider and lands, signed in, on the page they asked for', async ({ page, playwright, baseURL, tag }) => {
  // Two sites, three of the provider's pages and the app's: longer than one page's test on a busy machine.
  test.slow();
  const admins = await playwright.request.newContext({ baseURL });
  const username = `sso-${tag}`;
  const person = await addPerson(admins, username);
  try {
    await page.goto('/account/security');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount%2Fsecurity/);
    await page.getByRole('link', { name: `Sign in with ${oidcProviderName}` }).click();

    // The provider's pages, on its own origin.
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
    await signInAtProvider(page, username);

    await expect(page).toHaveURL(/\/account\/security$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
    await expect(page.getByRole('banner').getByText(username, { exact: true })).toBeVisible();
    const me = meResponseSchema.parse(await (await page.request.get(paths.me)).json());
    expect(me.user).toMatchObject({ id: person.id, username });
    // Nothing of the exchange is left in the address bar or the page's storage.
    expect(page.url()).not.toMatch(/code=|state=/);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).toBe('{}{}');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
  } finally {
    await removePerson(admins, person.id);
    await admins.dispose();
  }
});

test('someone nobody added joins as a member on their first sign-in', async ({ page, playwright, baseURL, tag }) => {
  test.slow();
  const username = `newcomer-${tag}`;
  await page.goto('/sign-in');
  await page.getByRole('link', { name: `Sign in with ${oidcProviderName}` }).click();
  await signInAtProvider(page, username);

  await expect(page).toHaveURL(/\/account\/integrations$/);
  await expect(page.getByRole('banner').getByText(username, { exact: true })).toBeVisible();
  const me = meResponseSchema.parse(await (await page.request.get(paths.me)).json());
  expect(me.user).toMatchObject({ username, role: 'member' });

  const admins = await playwright.request.newContext({ baseURL });
  try {
    await removePerson(admins, me.user.id);
  } finally {
    await admins.dispose();
  }
});

test('a deactivated person is sent back to the sign-in page, told why', async ({ page, playwright, baseURL, tag }) => {
  test.slow();
  const admins = await playwright.request.newContext({ baseURL });
  const username = `gone-${tag}`;
  const person = await addPerson(admins, username);
  await removePerson(admins, person.id);
  await admins.dispose();

  await page.goto('/sign-in');
  await page.getByRole('link', { name: `Sign in with ${oidcProviderName}` }).click();
  await signInAtProvider(page, username);

  await expect(page).toHaveURL(/\/sign-in\?sso_error=deactivated$/);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('You were not signed in');
  await expect(alert).toContainText('This account has been deactivated');
  // The password form is still there.
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});

test('the sign-in page with single sign-on has no axe violations', async ({ page }) => {
  await page.goto('/sign-in?sso_error=expired');
  await expect(page.getByRole('link', { name: `Sign in with ${oidcProviderName}` })).toBeVisible();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page);
});
