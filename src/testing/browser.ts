import { setupWorker } from 'msw/browser';
import type { DemoCredentials } from '../app/demo';
import type { ApiKey } from '../contract/tokens';
import { buildApiKey } from './factories';
import { handlers } from './mocks/handlers';
import { store, testPassword } from './mocks/store';

const hour = 3_600_000;
const day = 24 * hour;

/** A timestamp `ms` from the real clock (negative: in the past). */
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A lived-in account: every environment, some tokens never used, one expiring tomorrow, one expired, one revoked. */
function demoTokens(): ApiKey[] {
  return [
    buildApiKey({
      id: 'key_demo_laptop',
      name: 'Laptop CLI',
      description: 'Local scripts on my work laptop',
      environment: 'development',
      scopes: ['read:projects', 'write:projects'],
      hint: 'kl_dev_…a1B9',
      createdAt: fromNow(-40 * day),
      lastUsedAt: fromNow(-2 * hour),
      expiresAt: fromNow(50 * day),
    }),
    buildApiKey({
      id: 'key_demo_deploy',
      name: 'Production deploy',
      description: 'GitHub Actions: deploy workflow',
      environment: 'production',
      scopes: ['read:projects', 'read:workflows', 'write:workflows', 'read:deployments', 'write:deployments'],
      hint: 'kl_prod_…Zx42',
      createdAt: fromNow(-90 * day),
      lastUsedAt: fromNow(-3 * day),
      expiresAt: fromNow(120 * day),
    }),
    buildApiKey({
      id: 'key_demo_backup',
      name: 'Nightly backup',
      description: null,
      environment: 'production',
      scopes: ['read:projects', 'read:deployments'],
      hint: 'kl_prod_…Qm7c',
      createdAt: fromNow(-29 * day),
      lastUsedAt: fromNow(-20 * hour),
      expiresAt: fromNow(1 * day + 2 * hour),
    }),
    buildApiKey({
      id: 'key_demo_smoke',
      name: 'Staging smoke tests',
      description: 'Runs after every staging deploy',
      environment: 'staging',
      scopes: ['read:projects', 'read:workflows'],
      hint: 'kl_stg_…8kPw',
      createdAt: fromNow(-1 * day),
      lastUsedAt: null,
      expiresAt: fromNow(29 * day),
    }),
    buildApiKey({
      id: 'key_demo_scanner',
      name: 'Security scanner',
      description: 'Weekly dependency scan',
      environment: 'staging',
      scopes: ['read:security', 'write:security', 'read:projects'],
      hint: 'kl_stg_…r2Dd',
      createdAt: fromNow(-60 * day),
      lastUsedAt: fromNow(-12 * day),
      expiresAt: fromNow(5 * day),
    }),
    buildApiKey({
      id: 'key_demo_editor',
      name: 'Editor extension',
      description: null,
      environment: 'development',
      scopes: ['read:projects', 'read:workflows'],
      hint: 'kl_dev_…Ve3n',
      createdAt: fromNow(-10 * 60_000),
      lastUsedAt: null,
      expiresAt: fromNow(300 * day),
    }),
    buildApiKey({
      id: 'key_demo_old_ci',
      name: 'Old CI runner',
      description: 'Jenkins, before the move to Actions',
      environment: 'development',
      scopes: ['read:projects', 'read:workflows', 'write:workflows'],
      hint: 'kl_dev_…0oYt',
      status: 'expired',
      createdAt: fromNow(-200 * day),
      lastUsedAt: fromNow(-40 * day),
      expiresAt: fromNow(-10 * day),
    }),
    buildApiKey({
      id: 'key_demo_leaked',
      name: 'Pasted in a chat',
      description: 'Revoked after it was shared by mistake',
      environment: 'production',
      scopes: ['read:projects'],
      hint: 'kl_prod_…u9Hs',
      status: 'revoked',
      createdAt: fromNow(-15 * day),
      lastUsedAt: fromNow(-7 * day),
      expiresAt: fromNow(15 * day),
      revokedAt: fromNow(-6 * day),
    }),
  ];
}

/**
 * `npm run demo`: the same MSW handlers the tests use, in a service worker, over a richer store.
 * Data lives in memory in this tab; a reload starts over (signed out).
 */
export async function startDemo(): Promise<DemoCredentials> {
  store.apiKeys = demoTokens();
  store.signedIn = false;
  const worker = setupWorker(...handlers);
  // Only /api is mocked; the app's own files (and Vite's) go to the network as usual.
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });
  return { username: store.user.username, password: testPassword };
}
