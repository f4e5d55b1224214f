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
  // One token a line: what it is, then [created, last used, expires] in ms from now (null: never used).
  const tokens: [Partial<ApiKey>, [number, number | null, number]][] = [
    [{ id: 'key_demo_laptop', name: 'Laptop CLI', description: 'Local scripts on my work laptop', environment: 'development', scopes: ['read:projects', 'write:projects'], hint: 'kl_dev_…a1B9' }, [-40 * day, -2 * hour, 50 * day]],
    [{ id: 'key_demo_deploy', name: 'Production deploy', description: 'GitHub Actions: deploy workflow', environment: 'production', scopes: ['read:projects', 'read:workflows', 'write:workflows', 'read:deployments', 'write:deployments'], hint: 'kl_prod_…Zx42' }, [-90 * day, -3 * day, 120 * day]],
    [{ id: 'key_demo_backup', name: 'Nightly backup', description: null, environment: 'production', scopes: ['read:projects', 'read:deployments'], hint: 'kl_prod_…Qm7c' }, [-29 * day, -20 * hour, 1 * day + 2 * hour]],
    [{ id: 'key_demo_smoke', name: 'Staging smoke tests', description: 'Runs after every staging deploy', environment: 'staging', scopes: ['read:projects', 'read:workflows'], hint: 'kl_stg_…8kPw' }, [-1 * day, null, 29 * day]],
    [{ id: 'key_demo_scanner', name: 'Security scanner', description: 'Weekly dependency scan', environment: 'staging', scopes: ['read:security', 'write:security', 'read:projects'], hint: 'kl_stg_…r2Dd' }, [-60 * day, -12 * day, 5 * day]],
    [{ id: 'key_demo_editor', name: 'Editor extension', description: null, environment: 'development', scopes: ['read:projects', 'read:workflows'], hint: 'kl_dev_…Ve3n' }, [-10 * 60_000, null, 300 * day]],
    [{ id: 'key_demo_old_ci', name: 'Old CI runner', description: 'Jenkins, before the move to Actions', environment: 'development', scopes: ['read:projects', 'read:workflows', 'write:workflows'], hint: 'kl_dev_…0oYt', status: 'expired' }, [-200 * day, -40 * day, -10 * day]],
    [{ id: 'key_demo_leaked', name: 'Pasted in a chat', description: 'Revoked after it was shared by mistake', environment: 'production', scopes: ['read:projects'], hint: 'kl_prod_…u9Hs', status: 'revoked', revokedAt: fromNow(-6 * day) }, [-15 * day, -7 * day, 15 * day]],
  ];
  return tokens.map(([token, [created, lastUsed, expires]]) =>
    buildApiKey({ ...token, createdAt: fromNow(created), lastUsedAt: lastUsed === null ? null : fromNow(lastUsed), expiresAt: fromNow(expires) }),
  );
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
