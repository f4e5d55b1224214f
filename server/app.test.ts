import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultPolicy, policySchema } from '../src/contract/policy';
import { errorOf, useTestApp } from './testing/test-app';

const staticDir = await mkdtemp(join(tmpdir(), 'keyline-dist-'));
await mkdir(join(staticDir, 'assets'));
await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Keyline</title>');
await writeFile(join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1)');

const t = useTestApp({ staticDir, tokenPrefix: 'acme' });

describe('GET /api/policy', () => {
  test('any signed-in caller gets the policy, with the configured prefix', async () => {
    const { cookie } = await t.signedInUser('alice');
    const bySession = await t.request('/api/policy', { cookie });
    expect(bySession.status).toBe(200);
    expect(policySchema.parse(await bySession.json())).toEqual({ ...defaultPolicy, tokenPrefix: 'acme' });

    const { secret } = await t.createToken(cookie);
    expect(secret).toMatch(/^acme_prod_/);
    expect((await t.request('/api/policy', { bearer: secret })).status).toBe(200);
  });

  test('anonymous callers get a 401', async () => {
    expect((await t.request('/api/policy')).status).toBe(401);
  });
});

describe('errors', () => {
  test('an unknown /api route is a 404 in the envelope, even with a SPA to serve', async () => {
    for (const [method, path] of [['GET', '/api/nope'], ['POST', '/api/admin/nope'], ['DELETE', '/api/policy']] as const) {
      const res = await t.request(path, { method });
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toEqual({ type: 'not_found_error', message: 'Not found.' });
    }
  });

  test('an unexpected failure is a 500 api_error without internals, logged server-side', async () => {
    const { cookie } = await t.signedInUser('alice');
    const realQuery = t.db.query.bind(t.db);
    t.db.query = async () => {
      throw new Error('relation "api_keys" is on fire');
    };
    try {
      const res = await t.request('/api/api-keys', { cookie });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('fire');
      expect(JSON.parse(text)).toEqual({
        error: { type: 'api_error', message: 'Something went wrong on our side. Try again.' },
      });
    } finally {
      t.db.query = realQuery;
    }
    expect(JSON.stringify(t.logs)).not.toContain(cookie.split('=')[1]);
    expect(t.logs).toContainEqual(['Unhandled error', { method: 'GET', route: expect.stringMatching(/^\/api\/api-keys\/?$/), error: 'Error' }]);
    expect(JSON.stringify(t.logs)).not.toContain('fire');
  });

  test('API responses are not cacheable', async () => {
    expect((await t.request('/api/auth/me')).headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('the SPA', () => {
  test('serves index.html for client-side routes, with no-cache', async () => {
    for (const path of ['/', '/account/integrations', '/settings/api-tokens?x=1']) {
      const res = await t.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toMatch(/text\/html/);
      expect(res.headers.get('Cache-Control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>Keyline</title>');
    }
  });

  test('serves fingerprinted assets with a long cache', async () => {
    const res = await t.request('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  test('a missing asset is a 404, not the HTML shell', async () => {
    expect((await t.request('/assets/gone-123.js')).status).toBe(404);
  });

  test('does not serve files outside the directory', async () => {
    const res = await t.request('/..%2f..%2fetc/passwd');
    expect(await res.text()).not.toContain('root:');
  });
});
