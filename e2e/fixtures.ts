import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { adminApiKeyListSchema, bulkRevokeResponseSchema } from '../src/contract/admin';
import { csrfHeader } from '../src/contract/headers';
import { paths } from '../src/contract/paths';
import { createApiKeyResponseSchema, type CreateApiKeyRequest } from '../src/contract/tokens';
import { adminPassword, memberPassword } from '../playwright.config';
import { serviceAccountSchema, type CreateServiceAccountRequest } from '../src/contract/service-accounts';

export const admin = { username: 'admin', password: adminPassword };
export const member = { username: 'maria', password: memberPassword };
export const csrf = { [csrfHeader.name]: csrfHeader.value };

/** Signs in through the HTTP API; the cookie lands in the request context (and the page's, when it is page.request). */
export async function signInOverApi(request: APIRequestContext, user = admin) {
  const response = await request.post(paths.session, { data: user, headers: csrf });
  expect(response.status(), await response.text()).toBe(200);
}

export async function signOutOverApi(request: APIRequestContext) {
  const response = await request.delete(paths.session, { headers: csrf });
  expect(response.status(), await response.text()).toBe(204);
}

export async function createTokenOverApi(request: APIRequestContext, body: CreateApiKeyRequest) {
  const response = await request.post(paths.apiKeys, { data: body, headers: csrf });
  expect(response.status(), await response.text()).toBe(201);
  return createApiKeyResponseSchema.parse(await response.json());
}

/** A service account (as the signed-in admin), e.g. a resource server's with `permissions: ['introspect']`. */
export async function createServiceAccountOverApi(request: APIRequestContext, body: CreateServiceAccountRequest) {
  const response = await request.post(paths.serviceAccounts, { data: body, headers: csrf });
  expect(response.status(), await response.text()).toBe(201);
  return serviceAccountSchema.parse(await response.json());
}

/** Deactivates a service account a test made (as the signed-in admin), so runs do not pile them up; its tokens are revoked with it. */
export async function deactivateServiceAccountOverApi(request: APIRequestContext, id: string) {
  const response = await request.patch(paths.serviceAccount(id), { data: { status: 'deactivated' }, headers: csrf });
  expect(response.status(), await response.text()).toBe(200);
}

/**
 * axe on the page as it is. Legacy mode runs in the page itself: the default opens a blank page per check
 * to gather results across cross-origin frames, which Keyline's pages don't have, and took ~2.3 s a check
 * against ~0.9 s. Only violations are collected: nothing reads the passes.
 */
function axeFor(page: Page) {
  return new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
}

/** No axe violations on the page, or only within `include` (a CSS selector) when given. */
export async function expectNoAxeViolations(page: Page, { include }: { include?: string } = {}) {
  const axe = axeFor(page);
  const results = await (include ? axe.include(include) : axe).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** Revokes every active token, anyone's, whose name contains `text`; as the admin, over HTTP. */
async function revokeTokensNamed(request: APIRequestContext, text: string) {
  await signInOverApi(request, admin);
  // One page is plenty: a test makes a handful of tokens.
  const list = await request.get(paths.adminApiKeys, { params: { q: text, status: 'active', limit: 200 } });
  expect(list.status(), await list.text()).toBe(200);
  const { data, nextCursor } = adminApiKeyListSchema.parse(await list.json());
  expect(nextCursor, 'more tokens named for one test than one page holds').toBeNull();
  if (data.length > 0) {
    const revoked = await request.post(paths.adminApiKeysRevoke, { data: { ids: data.map((token) => token.id) }, headers: csrf });
    expect(revoked.status(), await revoked.text()).toBe(200);
    bulkRevokeResponseSchema.parse(await revoked.json());
  }
  await signOutOverApi(request);
}

export const test = base.extend<{ tag: string; signedInPage: Page }>({
  /**
   * This test's mark, unlike any other test's: every token the test makes carries it in its name
   * (through the UI or the API, as anyone), and afterwards every active token so named is revoked.
   * So no test sees another's tokens, whatever the order, however often it is repeated.
   */
  tag: async ({ playwright, baseURL }, use) => {
    const tag = `e2e${randomBytes(4).toString('hex')}`;
    await use(tag);
    const request = await playwright.request.newContext({ baseURL });
    try {
      await revokeTokensNamed(request, tag);
    } finally {
      await request.dispose();
    }
  },
  signedInPage: async ({ page }, use) => {
    await signInOverApi(page.request);
    await use(page);
    await signOutOverApi(page.request);
  },
});

export { expect };
