import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, test } from 'vitest';
import { createApp } from '../app';
import { useTestApp } from '../testing/test-app';
import { contentSecurityPolicy } from './security-headers';

const t = useTestApp();

describe('security headers', () => {
  test('an API error carries the CSP, nosniff and a referrer policy', async () => {
    const res = await t.request('/api/api-keys');
    expect(res.status).toBe(401);
    expect(res.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Strict-Transport-Security')).toBeNull();
  });

  test('an unknown API route and a success carry them too', async () => {
    expect((await t.request('/api/nope')).headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
    const { cookie } = await t.signedInUser('ada');
    const res = await t.request('/api/policy', { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  test('a bearer call, the hot path, carries every one of them, and over https HSTS too', async () => {
    const { cookie } = await t.signedInUser('ada');
    const { secret } = await t.createToken(cookie);
    const expected = {
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
      'Cache-Control': 'no-store',
    };
    const headersOf = (res: Response) => Object.fromEntries(Object.keys(expected).map((name) => [name, res.headers.get(name)]));
    const res = await t.request('/api/auth/me', { bearer: secret });
    expect(res.status).toBe(200);
    expect(headersOf(res)).toEqual(expected);

    const https = createApp({ db: t.db, clock: t.clock, config: { ...t.config, secureCookies: true, logger: t.logger } });
    const overHttps = await https.request('/api/auth/me', { headers: { Authorization: `Bearer ${secret}` } });
    expect(overHttps.status).toBe(200);
    expect(headersOf(overHttps)).toEqual(expected);
    expect(overHttps.headers.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains');
  });

  test('over a real socket, served as npm start serves it, a bearer success and a 401 carry them too', async () => {
    const { cookie } = await t.signedInUser('ada');
    const { secret } = await t.createToken(cookie);
    // On a socket the defaults go to Node's response before the handler runs (the fast path).
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      for (const [authorization, status] of [[`Bearer ${secret}`, 200], ['Bearer kl_prod_garbage', 401]] as const) {
        const res = await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { Authorization: authorization } });
        expect(res.status).toBe(status);
        expect(res.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
        expect(res.headers.get('X-Frame-Options')).toBe('DENY');
        expect(res.headers.get('Cache-Control')).toBe('no-store');
        expect(res.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
        await res.text();
      }
      // A handler's own caching rule still wins over the default, as it does under app.request().
      const document = await fetch(`http://127.0.0.1:${port}/api/openapi.json`);
      expect(document.status).toBe(200);
      expect(document.headers.get('Cache-Control')).toBe('public, max-age=300');
      expect(document.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
      expect((await t.request('/api/openapi.json')).headers.get('Cache-Control')).toBe('public, max-age=300');
      await document.text();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('the policy forbids inline script, plugins, base rewriting and framing', () => {
    expect(contentSecurityPolicy).not.toContain('unsafe-inline');
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(contentSecurityPolicy).toContain(directive);
    }
  });
});
