import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy } from './security-headers';
import { useTestApp } from './testing/test-app';

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

  test('the policy forbids inline script, plugins, base rewriting and framing', () => {
    expect(contentSecurityPolicy).not.toContain('unsafe-inline');
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(contentSecurityPolicy).toContain(directive);
    }
  });
});
