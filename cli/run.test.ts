import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Io } from './io';
import { runCli } from './run';

const secret = 'kl_dev_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const apiKey = {
  id: 'k1', name: 'CLI on laptop', description: null, environment: 'development', scopes: ['read:projects'], hint: 'kl_dev_…AAAA',
  status: 'active', createdAt: '2026-01-01T00:00:00.000Z', lastUsedAt: null, lastUsedIp: null, lastUsedUserAgent: null,
  expiresAt: '2026-01-31T00:00:00.000Z', revokedAt: null, revokedBy: null, owner: { id: 'u1', username: 'alice' },
};
const me = { user: { id: 'u1', username: 'alice', role: 'member' }, auth: { method: 'token', apiKeyId: 'k1', scopes: ['read:projects'], expiresAt: apiKey.expiresAt } };

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A fake world: the server answers from a script, time moves only by sleeping. */
function fakeIo(answers: Record<string, Answer[]>, env: NodeJS.ProcessEnv = {}) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const out: string[] = [];
  const err: string[] = [];
  const sleeps: number[] = [];
  const requests: { method: string; path: string; headers: Headers }[] = [];
  const io: Io = {
    env: { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'keyline-run-')), ...env },
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    now: () => new Date(now),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    hostname: () => 'laptop',
    openBrowser: () => false,
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input);
      const key = `${init?.method ?? 'GET'} ${url.pathname}`;
      requests.push({ method: init?.method ?? 'GET', path: url.pathname, headers: new Headers(init?.headers) });
      const queue = answers[key];
      const answer = queue && queue.length > 1 ? queue.shift()! : queue?.[0];
      if (!answer) throw new TypeError('fetch failed');
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
    },
  };
  return { io, out, err, sleeps, requests };
}

const pending = { status: 400, body: { error: 'authorization_pending', error_description: 'Waiting.' } };

describe('keyline login', () => {
  test('polls at the interval, slows down when told, stores the login and says who it is', async () => {
    const world = fakeIo({
      'POST /api/device/code': [{ status: 200, body: { deviceCode: 'dc', userCode: 'WDJB-MJHT', verificationUri: 'http://k.test/activate', verificationUriComplete: 'http://k.test/activate?code=WDJB-MJHT', expiresIn: 600, interval: 5 } }],
      'POST /api/device/token': [pending, { status: 400, body: { error: 'slow_down', error_description: 'Slow.', interval: 10 } }, pending, { status: 200, body: { apiKey, secret } }],
      'GET /api/auth/me': [{ status: 200, body: me }],
    });
    expect(await runCli(world.io, ['login', '--no-browser', '--url', 'http://k.test'])).toBe(0);
    expect(world.sleeps).toEqual([5000, 5000, 10_000, 10_000]);
    expect(world.err.join('\n')).toContain('http://k.test/activate?code=WDJB-MJHT');
    expect(world.err.join('\n')).not.toContain(secret);
    expect(world.out).toEqual(['Signed in to http://k.test as alice with the token "CLI on laptop" (development, expires 2026-01-31).']);
    // The stored login is used from then on.
    world.out.length = 0;
    expect(await runCli(world.io, ['whoami'])).toBe(0);
    expect(world.out[0]).toContain('alice (member) on http://k.test');
    expect(world.requests.at(-1)?.headers.get('Authorization')).toBe(`Bearer ${secret}`);
  });

  test('denied in the browser: one line, exit 1, nothing stored', async () => {
    const world = fakeIo({
      'POST /api/device/code': [{ status: 200, body: { deviceCode: 'dc', userCode: 'WDJB-MJHT', verificationUri: 'http://k.test/activate', verificationUriComplete: 'http://k.test/activate?code=WDJB-MJHT', expiresIn: 600, interval: 5 } }],
      'POST /api/device/token': [{ status: 400, body: { error: 'access_denied', error_description: 'Denied.' } }],
    });
    expect(await runCli(world.io, ['login', '--url', 'http://k.test'])).toBe(1);
    expect(world.err.at(-1)).toBe('keyline: access_denied: The login was denied in the browser. Nothing was stored.');
    expect(await runCli(world.io, ['whoami'])).toBe(1);
    expect(world.err.at(-1)).toMatch(/^keyline: auth_not_configured: /);
  });
});

describe('every failure is one line with a stable code', () => {
  test('a 429 is waited out once after Retry-After, then reported with the wait', async () => {
    const limited = { status: 429, body: { error: { type: 'rate_limit_error', message: 'Too many requests.' } }, headers: { 'Retry-After': '3' } };
    const once = fakeIo({ 'GET /api/auth/me': [limited, { status: 200, body: me }] }, { KEYLINE_TOKEN: secret });
    expect(await runCli(once.io, ['whoami'])).toBe(0);
    expect(once.sleeps).toEqual([3000]);
    const twice = fakeIo({ 'GET /api/auth/me': [limited] }, { KEYLINE_TOKEN: secret });
    expect(await runCli(twice.io, ['whoami'])).toBe(1);
    expect(twice.err).toEqual(['keyline: rate_limited: Too many requests: try again in 3 s. Too many requests.']);
  });

  test('no server: network_error; bad usage: exit 64', async () => {
    const world = fakeIo({}, { KEYLINE_TOKEN: secret, KEYLINE_URL: 'http://nowhere.test' });
    expect(await runCli(world.io, ['status', '--check'])).toBe(1);
    expect(world.err).toEqual(['keyline: network_error: Could not reach http://nowhere.test: is the server running, and is KEYLINE_URL right?']);
    expect(await runCli(world.io, ['status', '--within', 'soon'])).toBe(64);
    expect(await runCli(world.io, ['whoami', '--bogus'])).toBe(64);
    expect(world.err.at(-1)).toMatch(/^keyline: usage: keyline whoami: Unknown option '--bogus'/);
  });
});

describe('keyline tokens create', () => {
  test.each([
    ['raw', secret],
    ['env', `export KEYLINE_TOKEN=${secret}`],
    ['dotenv', `KEYLINE_TOKEN=${secret}`],
  ])('--format %s: the secret once, on stdout alone', async (format, line) => {
    const world = fakeIo({ 'POST /api/api-keys': [{ status: 201, body: { apiKey: { ...apiKey, name: 'deploy' }, secret } }] }, { KEYLINE_TOKEN: 'kl_dev_login' });
    expect(await runCli(world.io, ['tokens', 'create', '--name', 'deploy', '--env', 'development', '--scope', 'read:projects', '--format', format])).toBe(0);
    expect(world.out).toEqual([line]);
    expect(world.err.join('\n')).toContain('Created "deploy"');
    expect(world.err.join('\n')).not.toContain(secret);
  });
});
