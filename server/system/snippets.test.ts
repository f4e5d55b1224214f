import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { formatSecret, tokenVariable } from '../../src/contract/hand-off-formats';
import { csrfHeader } from '../../src/contract/headers';
import { paths } from '../../src/contract/paths';
import { tokenSnippets, type TokenSnippet } from '../../src/contract/token-snippets';
import { createApiKeyResponseSchema } from '../../src/contract/tokens';
import { startServerProcess } from '../testing/server-process';

// Every snippet and hand-off format the UI shows, run as pasted against the real server, started in its
// own process as `npm start` starts it. Only the documented placeholders are filled in: the origin (given
// to tokenSnippets) and the token variable.

const adminPassword = 'snippets-Admin-Password-4d1e';
const commandTimeoutMs = 30_000;

type Result = { code: number | null; stdout: string; stderr: string };

/** Runs a command to the end; `input` goes to its standard input (closed right after). */
function run(command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  return new Promise<Result>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? workDir,
      env: { ...baseEnv, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: commandTimeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

const installed = (command: string, args: string[] = ['--version']) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const hasHttpie = installed('http');
const hasPythonRequests = installed('python3', ['-c', 'import requests']);

/** What /api/auth/me answers for the signed-in admin, as JSON, a Python dict or a Node object. */
const provesAdmin = /["']?username["']?\s*:\s*["']admin["']/;

let server: ChildProcess | undefined;
let workDir = '';
let origin = '';
let secret = '';
// The server's environment must not leak into the snippets, nor a proxy between them and the loopback.
const baseEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' };

/** Signs in as admin and creates a token, with curl like the snippets themselves. */
async function createToken(): Promise<string> {
  const jar = path.join(workDir, 'cookies.txt');
  const json = ['-H', 'Content-Type: application/json', '-H', `${csrfHeader.name}: ${csrfHeader.value}`];
  const signIn = await run('curl', ['-sS', '--fail-with-body', '-c', jar, ...json, '--data', JSON.stringify({ username: 'admin', password: adminPassword }), `${origin}${paths.session}`]);
  expect(signIn.code, signIn.stderr + signIn.stdout).toBe(0);
  const body = { name: 'Snippets', environment: 'development', scopes: ['read:projects'], expiresInDays: 1 };
  const create = await run('curl', ['-sS', '--fail-with-body', '-b', jar, ...json, '--data', JSON.stringify(body), `${origin}${paths.apiKeys}`]);
  expect(create.code, create.stderr + create.stdout).toBe(0);
  return createApiKeyResponseSchema.parse(JSON.parse(create.stdout)).secret;
}

/** A token of the right shape that the server does not know: its checksum is wrong. */
const badToken = () => `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;

function snippet(id: string): TokenSnippet {
  const found = tokenSnippets(origin).find((s) => s.id === id);
  if (!found) throw new Error(`No snippet ${id}`);
  return found;
}

function expectAuthenticated(result: Result) {
  expect(result.code, `stderr: ${result.stderr}\nstdout: ${result.stdout}`).toBe(0);
  expect(result.stdout).toMatch(provesAdmin);
}

function expectFailed(result: Result) {
  expect(result.code, `stdout: ${result.stdout}`).not.toBe(0);
  expect(result.stdout).not.toMatch(provesAdmin);
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'keyline-snippets-'));
  const started = await startServerProcess(path.join(workDir, 'data'), adminPassword, baseEnv);
  server = started.child;
  origin = started.url;
  secret = await createToken();
}, 180_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (workDir) await rm(workDir, { recursive: true, force: true });
}, 30_000);

describe('"Use a token" snippets, run as pasted', { timeout: 60_000 }, () => {
  it('curl prints who the token acts as, and fails on a bad token', async () => {
    const code = snippet('curl').code;
    expectAuthenticated(await run('bash', ['-c', code], { env: { [tokenVariable]: secret } }));
    expectFailed(await run('bash', ['-c', code], { env: { [tokenVariable]: badToken() } }));
  });

  it('Shell: reads the pasted token (trailing newline and all), and HTTPie fails on a bad one', async (context) => {
    if (!hasHttpie) context.skip('HTTPie (`http`) is not installed on this machine');
    const code = snippet('shell').code;
    expectAuthenticated(await run('bash', ['-c', code], { input: `${secret}\n` }));
    expectFailed(await run('bash', ['-c', code], { input: `${badToken()}\n` }));
  });

  it.each([
    // What `npm init -y` writes today, what it wrote before npm 11 (no type: CommonJS too), and ESM.
    ['a CommonJS package (npm init -y)', { name: 'snippet', version: '1.0.0', main: 'index.js', type: 'commonjs' }],
    ['a package with no type', { name: 'snippet', version: '1.0.0', main: 'index.js' }],
    ['an ES module package', { name: 'snippet', version: '1.0.0', type: 'module' }],
  ])('Node.js runs as index.js in %s, trims the token, and fails on a bad one', async (_, packageJson) => {
    const dir = await mkdtemp(path.join(workDir, 'node-'));
    await writeFile(path.join(dir, 'package.json'), JSON.stringify(packageJson, null, 2));
    await writeFile(path.join(dir, 'index.js'), snippet('node').code);
    expectAuthenticated(await run('node', ['index.js'], { cwd: dir, env: { [tokenVariable]: `${secret}\n` } }));
    expectFailed(await run('node', ['index.js'], { cwd: dir, env: { [tokenVariable]: badToken() } }));
  });

  it('Python trims the token and fails on a bad one', async (context) => {
    if (!hasPythonRequests) context.skip('python3 with the requests library is not installed on this machine');
    await writeFile(path.join(workDir, 'check.py'), snippet('python').code);
    expectAuthenticated(await run('python3', ['check.py'], { env: { [tokenVariable]: `${secret}\n` } }));
    expectFailed(await run('python3', ['check.py'], { env: { [tokenVariable]: badToken() } }));
  });

  it('every YAML snippet parses, and its run steps work as a GitHub Actions runner runs them', async () => {
    const yamlSnippets = tokenSnippets(origin).filter((s) => s.language === 'yaml');
    expect(yamlSnippets.length).toBeGreaterThan(0);
    for (const { code } of yamlSnippets) {
      const document = parseDocument(code, { prettyErrors: true, strict: true, uniqueKeys: true });
      expect(document.errors.map(String)).toEqual([]);
      expect(document.warnings.map(String)).toEqual([]);
      const workflow = document.toJS() as { jobs: Record<string, { steps: { env?: Record<string, string>; run?: string }[] }> };
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
      expect(steps.some((step) => step.run)).toBe(true);
      for (const step of steps.filter((s) => s.run)) {
        // The secret as Actions hands it over; a value pasted into the secrets form may end in a newline.
        expect(step.env?.[tokenVariable]).toBe(`\${{ secrets.${tokenVariable} }}`);
        const shell = ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!];
        expectAuthenticated(await run('bash', shell, { env: { [tokenVariable]: `${secret}\n` } }));
        expectFailed(await run('bash', shell, { env: { [tokenVariable]: badToken() } }));
      }
    }
  });
});

describe('hand-off formats, run as pasted', { timeout: 60_000 }, () => {
  it('Shell: the export line sets the variable the snippets use', async () => {
    const script = `${formatSecret(secret, 'shell')}\n${snippet('curl').code}`;
    expectAuthenticated(await run('bash', ['-c', script]));
  });

  it('.env: the line loads into Node with --env-file and the Node.js snippet uses it', async () => {
    const dir = await mkdtemp(path.join(workDir, 'dotenv-'));
    await writeFile(path.join(dir, '.env'), `${formatSecret(secret, 'dotenv')}\n`);
    await writeFile(path.join(dir, 'index.mjs'), snippet('node').code);
    expectAuthenticated(await run('node', ['--env-file=.env', 'index.mjs'], { cwd: dir }));
  });

  it('GitHub Actions: the gh command never holds the secret (not in shell history, not in the process list)', () => {
    const command = formatSecret(secret, 'github');
    expect(command).not.toContain(secret);
    expect(command).not.toContain(secret.slice(-12));
    expect(command).toMatch(new RegExp(`^gh secret set ${tokenVariable}\\b`));
  });
});
