import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paths } from '../src/contract/paths';
import { tokenSnippets } from '../src/contract/token-snippets';
import { apiKeyListSchema } from '../src/contract/tokens';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, member, signInOverApi, test } from './fixtures';

type Run = { code: number | null; stdout: string; stderr: string };

/** The real `keyline` binary, as `npx keyline` starts it, in a home of its own. */
function keyline(home: string, baseURL: string, args: string[], env: Record<string, string> = {}) {
  return started(spawn(process.execPath, ['bin/keyline.mjs', ...args], {
    env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), KEYLINE_URL: baseURL, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
}

function started(child: ReturnType<typeof spawn>) {
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ ...run, code })));
  return { run, done, child };
}

/** The person's side of a device login: open the link the CLI printed, compare the code, approve. */
async function approveInBrowser(page: Page, stderr: () => string) {
  await expect.poll(stderr, { timeout: 30_000 }).toMatch(/\/activate\?code=/);
  const link = new URL(/(http\S+\/activate\?code=\S+)/.exec(stderr())![1]!);
  const code = link.searchParams.get('code')!;
  expect(stderr()).toContain(`shows the code ${code}`);
  await page.goto(link.pathname + link.search);
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  // A login that asked for no scope leaves the choice to the person: one read scope.
  await page.getByRole('checkbox', { name: /^read:projects/ }).check();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('heading', { name: 'Approved: go back to your terminal' })).toBeVisible();
}

/** A failed run must not leave the machine's token alive: it revokes itself. */
async function revokeStoredLogin(request: APIRequestContext, credentials: string) {
  try {
    const stored = JSON.parse(readFileSync(credentials, 'utf8')) as { token: string };
    await request.delete(paths.authToken, { headers: { Authorization: `Bearer ${stored.token}` } });
  } catch {
    // Logged out already.
  }
}

test.describe('the keyline CLI against the real server', () => {
  test('login approved in the browser → whoami → status → tokens → logout', async ({ page, baseURL, request, tag }) => {
    // Two device polls (5 s each) and a dozen processes started with tsx.
    test.setTimeout(120_000);
    const home = mkdtempSync(join(tmpdir(), 'keyline-e2e-'));
    const credentials = join(home, 'config', 'keyline', 'credentials.json');
    const runs: Run[] = [];
    const cli = async (args: string[], env: Record<string, string> = {}) => {
      const result = await keyline(home, baseURL!, args, env).done;
      runs.push(result);
      return result;
    };
    try {
      // The person signs in in a real browser while the CLI waits.
      await signInOverApi(page.request, member);
      const login = keyline(home, baseURL!, ['login', '--no-browser', '--env', 'development', '--scope', 'read:projects', '--expires', '30d']);
      await approveInBrowser(page, () => login.run.stderr);
      const loggedIn = await login.done;
      runs.push(loggedIn);
      expect(loggedIn.code, loggedIn.stderr).toBe(0);
      expect(loggedIn.stdout).toMatch(/^Signed in to http:\/\/127\.0\.0\.1:\d+ as maria with the token "CLI on .+" \(development, expires \d{4}-\d\d-\d\d\)\.\n$/);

      // Stored for this user alone.
      expect(statSync(credentials).mode & 0o777).toBe(0o600);
      expect(statSync(join(credentials, '..')).mode & 0o777).toBe(0o700);
      const loginToken = (JSON.parse(readFileSync(credentials, 'utf8')) as { token: string }).token;

      const me = await cli(['whoami']);
      expect(me.code, me.stderr).toBe(0);
      expect(me.stdout).toMatch(/^maria \(member\) on http:\/\/127\.0\.0\.1:\d+, with token \S+, expires /);
      const meJson = await cli(['whoami', '--json']);
      expect(JSON.parse(meJson.stdout)).toMatchObject({ user: { username: 'maria' }, auth: { method: 'token' } });

      // 0 valid; 2 when its 30 days fall within the window; silent on success with --check.
      const valid = await cli(['status', '--check']);
      expect([valid.code, valid.stdout, valid.stderr]).toEqual([0, '', '']);
      const expiring = await cli(['status', '--check', '--within', '31d']);
      expect(expiring.code).toBe(2);
      expect(expiring.stderr).toMatch(/^keyline: token_expiring: Expiring soon: the token expires in 30 days/);

      // A token made with the login: the secret once, on stdout alone.
      const created = await cli(['tokens', 'create', '--name', `deploy ${tag}`, '--env', 'development', '--scope', 'read:projects', '--expires', '7d', '--format', 'dotenv']);
      expect(created.code, created.stderr).toBe(0);
      const secret = /^KEYLINE_TOKEN=(\S+)\n$/.exec(created.stdout)?.[1];
      expect(secret).toBeTruthy();
      expect(created.stderr).toContain(`Created "deploy ${tag}"`);
      expect((await request.get(paths.me, { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(200);
      const listed = await cli(['tokens', 'list', '--json']);
      expect(apiKeyListSchema.shape.data.parse(JSON.parse(listed.stdout)).map((k) => k.name)).toContain(`deploy ${tag}`);

      // KEYLINE_TOKEN wins over the login. A 7-day token is within the default 7-day window: 2; past
      // a shorter window, 0; revoked, 1.
      expect((await cli(['status', '--check'], { KEYLINE_TOKEN: secret! })).code).toBe(2);
      expect((await cli(['status', '--check', '--within', '1d'], { KEYLINE_TOKEN: secret! })).code).toBe(0);
      const revoked = await cli(['tokens', 'revoke', `deploy ${tag}`]);
      expect(revoked.code, revoked.stderr).toBe(0);
      const dead = await cli(['status', '--check'], { KEYLINE_TOKEN: secret! });
      expect(dead.code).toBe(1);
      expect(dead.stderr).toBe('keyline: token_invalid: The token from KEYLINE_TOKEN is invalid, expired or revoked.\n');

      // Logout revokes the machine's token on the server, then forgets it.
      const out = await cli(['logout']);
      expect(out.code, out.stderr).toBe(0);
      expect((await request.get(paths.me, { headers: { Authorization: `Bearer ${loginToken}` } })).status()).toBe(401);
      const gone = await cli(['status', '--check']);
      expect(gone.code).toBe(1);
      expect(gone.stderr).toMatch(/^keyline: auth_not_configured: /);

      // No secret ever reached stderr.
      for (const run of runs) {
        expect(run.stderr).not.toContain(loginToken);
        expect(run.stderr).not.toContain(secret!);
      }
    } finally {
      await revokeStoredLogin(request, credentials);
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('the CLI snippet of "Use a token" runs as pasted', async ({ page, baseURL, request }) => {
    test.setTimeout(120_000);
    const snippet = tokenSnippets(baseURL!).find((s) => s.id === 'keyline')!;
    const home = mkdtempSync(join(tmpdir(), 'keyline-e2e-'));
    try {
      await signInOverApi(page.request, member);
      // In this checkout, as the snippet says; bash stops at the first command that fails.
      const script = started(
        spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', snippet.code], {
          env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, 'config') },
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
      await approveInBrowser(page, () => script.run.stderr);
      const result = await script.done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Signed in to .+ as maria .*\nmaria \(member\) on /);
    } finally {
      await revokeStoredLogin(request, join(home, 'config', 'keyline', 'credentials.json'));
      rmSync(home, { recursive: true, force: true });
    }
  });
});
