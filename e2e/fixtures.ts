import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { paths } from '../src/contract/paths';
import { createApiKeyResponseSchema, type CreateApiKeyRequest } from '../src/contract/tokens';
import { adminPassword, memberPassword } from '../playwright.config';

export const admin = { username: 'admin', password: adminPassword };
export const member = { username: 'maria', password: memberPassword };

/** Signs in through the HTTP API; the cookie lands in the request context (and the page's, when it is page.request). */
export async function signInOverApi(request: APIRequestContext, user = admin) {
  const response = await request.post(paths.session, { data: user, headers: { 'X-Requested-With': 'keyline' } });
  expect(response.status(), await response.text()).toBe(200);
}

export async function createTokenOverApi(request: APIRequestContext, body: CreateApiKeyRequest) {
  const response = await request.post(paths.apiKeys, { data: body, headers: { 'X-Requested-With': 'keyline' } });
  expect(response.status(), await response.text()).toBe(201);
  return createApiKeyResponseSchema.parse(await response.json());
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

export const test = base.extend<{ signedInPage: Page }>({
  signedInPage: async ({ page }, use) => {
    await signInOverApi(page.request);
    await use(page);
  },
});

export { expect };
