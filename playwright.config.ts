import { defineConfig, devices } from '@playwright/test';
import { chromiumPath } from './scripts/chromium.mjs';

const port = Number(process.env.E2E_PORT ?? 4517);
export const adminPassword = 'e2e-admin-Password-7f3a';
export const memberPassword = 'e2e-member-Password-2c9d';
const dataDir = `.tmp/e2e-data-${port}`; // per port: two runs in one checkout do not share a data dir
// Single sign-on against a real OpenID provider on loopback, beside the app's port: e2e/sso.spec.ts starts it.
export const oidcPort = port + 1000;
export const oidc = {
  KEYLINE_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
  KEYLINE_OIDC_CLIENT_ID: 'keyline-e2e',
  KEYLINE_OIDC_CLIENT_SECRET: 'e2e-client-secret-3b8f1c2d9e7a4f60',
  KEYLINE_OIDC_NAME: 'Keyline Test ID',
};

export default defineConfig({
  testDir: 'e2e',
  // Pictures, not tests: `npm run screenshots` (playwright.screenshots.config.ts).
  testIgnore: 'screenshots.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A failed test keeps its trace: DOM snapshots of every step, the network and the console. Not the
    // screencast: recording frames for every test cost ~15% of the suite's time (measured on 14 tests:
    // 111 s with it, 95 s without, 94 s with no trace at all) and the snapshots show the same page.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    launchOptions: {
      // Debian's Chromium or CHROMIUM_PATH, as scripts/ensure-chromium.mjs checked before the run.
      executablePath: chromiumPath(process.env),
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // A fresh data directory each run: the suite seeds what it needs through the HTTP API.
    // A member is added through the CLI before the server takes the data-dir lock.
    command: `rm -rf ${dataDir} && npm run --silent user:add -- maria --role member --password ${memberPassword} && node scripts/start.mjs`,
    url: `http://127.0.0.1:${port}/api/policy`,
    // /api/policy answers 401 until signed in: any answer means the server is up.
    ignoreHTTPSErrors: true,
    reuseExistingServer: false,
    timeout: 180_000,
    // The server's request log would bury the test report; its errors (stderr) still show.
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      KEYLINE_DATA_DIR: dataDir,
      KEYLINE_ADMIN_PASSWORD: adminPassword,
      // The webhook spec's receiver listens on loopback.
      KEYLINE_WEBHOOKS_ALLOW_PRIVATE: '1',
      ...oidc,
    },
  },
});
