import { describe, expect, test } from 'vitest';
import { apiKeyListSchema, apiKeySchema } from '../../src/contract/tokens';
import { createApp } from '../app';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp();

const createBody = { name: 'CI deploy', environment: 'production', scopes: ['read:projects'], expiresInDays: 30 };

async function listNames(cookie: string) {
  const res = await t.request('/api/api-keys', { cookie });
  expect(res.status).toBe(200);
  return apiKeyListSchema.parse(await res.json()).data.map((key) => key.name);
}

async function expectRefused(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect((await errorOf(res)).type).toBe(type);
}

/** A create with a session cookie or a bearer token and these headers (the CSRF header too, unless `withoutCsrfHeader`). */
const createWith = (options: { cookie?: string; bearer?: string; headers?: Record<string, string>; withoutCsrfHeader?: boolean }) =>
  t.request('/api/api-keys', { method: 'POST', json: createBody, ...options });

describe('state-changing calls with a session', () => {
  test('a create without X-Requested-With is refused and creates nothing', async () => {
    const { cookie } = await t.signedInUser('alice');
    await expectRefused(await createWith({ cookie, withoutCsrfHeader: true }), 403, 'permission_error');
    expect(await listNames(cookie)).toEqual([]);
  });

  test('a header with another value does not count', async () => {
    const { cookie } = await t.signedInUser('alice');
    await expectRefused(await createWith({ cookie, headers: { 'X-Requested-With': 'XMLHttpRequest' } }), 403, 'permission_error');
    expect(await listNames(cookie)).toEqual([]);
  });

  test('the same create with the header works (the refusals above are not about something else)', async () => {
    const { cookie } = await t.signedInUser('alice');
    expect((await createWith({ cookie })).status).toBe(201);
    expect(await listNames(cookie)).toEqual(['CI deploy']);
  });

  test('a body that is not JSON is a 415, whatever it holds', async () => {
    const { cookie } = await t.signedInUser('alice');
    // What an HTML form can send cross-site: urlencoded, multipart, text/plain holding JSON.
    for (const contentType of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
      await expectRefused(await createWith({ cookie, headers: { 'Content-Type': contentType } }), 415, 'invalid_request_error');
    }
    expect(await listNames(cookie)).toEqual([]);
  });

  test('a body without a Content-Type is a 415; JSON with a charset is fine', async () => {
    const { cookie } = await t.signedInUser('alice');
    // A byte array body gets no Content-Type from fetch (a string would get text/plain).
    const bytes = new TextEncoder().encode(JSON.stringify(createBody));
    const bare = await t.app.request('/api/api-keys', {
      method: 'POST',
      headers: { Cookie: cookie, 'X-Requested-With': 'keyline' },
      body: bytes,
    });
    await expectRefused(bare, 415, 'invalid_request_error');
    expect(await listNames(cookie)).toEqual([]);

    const withCharset = await t.app.request('/api/api-keys', {
      method: 'POST',
      headers: { Cookie: cookie, 'X-Requested-With': 'keyline', 'Content-Type': 'application/json; charset=utf-8' },
      body: bytes,
    });
    expect(withCharset.status).toBe(201);
  });

  test('Sec-Fetch-Site: cross-site is refused even with the header; same-origin passes', async () => {
    const { cookie } = await t.signedInUser('alice');
    await expectRefused(await createWith({ cookie, headers: { 'Sec-Fetch-Site': 'cross-site' } }), 403, 'permission_error');
    expect(await listNames(cookie)).toEqual([]);

    expect((await createWith({ cookie, headers: { 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(201);
  });

  test('a forged revoke leaves the token active; a forged sign-out leaves the session alive', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey } = await t.createToken(cookie);
    await expectRefused(
      await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie, withoutCsrfHeader: true }),
      403,
      'permission_error',
    );
    await expectRefused(
      await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie, headers: { 'Sec-Fetch-Site': 'cross-site' } }),
      403,
      'permission_error',
    );
    const after = apiKeySchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}`, { cookie })).json());
    expect(after.status).toBe('active');

    await expectRefused(await t.request('/api/session', { method: 'DELETE', cookie, withoutCsrfHeader: true }), 403, 'permission_error');
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(200);
  });

  test('a forged sign-in sets no cookie', async () => {
    await t.createUser('alice');
    const res = await t.request('/api/session', {
      method: 'POST',
      json: { username: 'alice', password: 'alice-password' },
      withoutCsrfHeader: true,
    });
    await expectRefused(res, 403, 'permission_error');
    expect(res.headers.get('Set-Cookie')).toBeNull();
  });

  test('reads need no header: GET changes nothing', async () => {
    const { cookie } = await t.signedInUser('alice');
    expect((await t.request('/api/api-keys', { cookie, withoutCsrfHeader: true })).status).toBe(200);
    expect((await t.request('/api/policy', { cookie, withoutCsrfHeader: true })).status).toBe(200);
  });
});

describe('bearer calls', () => {
  test('need no X-Requested-With: they reach the route (which refuses tokens for token management)', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const res = await t.request('/api/api-keys', { method: 'POST', bearer: secret, json: createBody, withoutCsrfHeader: true });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toMatch(/needs a signed-in session/);
  });

  test('still need a JSON body and are refused cross-site', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const asToken = { bearer: secret, withoutCsrfHeader: true };
    await expectRefused(await createWith({ ...asToken, headers: { 'Content-Type': 'text/plain' } }), 415, 'invalid_request_error');
    await expectRefused(await createWith({ ...asToken, headers: { 'Sec-Fetch-Site': 'cross-site' } }), 403, 'permission_error');
  });
});

/** Set-Cookie parsed into its name, value and attributes (attribute names lower-cased). */
function parseSetCookie(header: string | null) {
  const [pair = '', ...attributes] = (header ?? '').split(';').map((part) => part.trim());
  const [name = '', value = ''] = pair.split(/=(.*)/s);
  const attrs = new Map(
    attributes.map((attribute) => {
      const [key = '', attrValue = ''] = attribute.split(/=(.*)/s);
      return [key.toLowerCase(), attrValue] as const;
    }),
  );
  return { name, value, attrs };
}

describe('the session cookie', () => {
  test('is HttpOnly, SameSite=Lax, Path=/, for the session lifetime, not Secure over plain http', async () => {
    await t.createUser('alice');
    const res = await t.request('/api/session', { method: 'POST', json: { username: 'alice', password: 'alice-password' } });
    const cookie = parseSetCookie(res.headers.get('Set-Cookie'));
    expect(cookie.name).toBe('keyline_session');
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    expect(cookie.attrs.has('httponly')).toBe(true);
    expect(cookie.attrs.get('samesite')).toBe('Lax');
    expect(cookie.attrs.get('path')).toBe('/');
    expect(cookie.attrs.get('max-age')).toBe(String(7 * 24 * 60 * 60));
    expect(cookie.attrs.has('secure')).toBe(false);
    expect(cookie.attrs.has('domain')).toBe(false);
  });

  test('with secureCookies it is __Host- prefixed, Secure, Path=/ and has no Domain', async () => {
    const secure = createApp({ db: t.db, clock: t.clock, config: { ...t.config, secureCookies: true, logger: t.logger } });
    await t.createUser('alice');
    const res = await secure.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'keyline' },
      body: JSON.stringify({ username: 'alice', password: 'alice-password' }),
    });
    const cookie = parseSetCookie(res.headers.get('Set-Cookie'));
    expect(cookie.name).toBe('__Host-keyline_session');
    expect(cookie.attrs.has('secure')).toBe(true);
    expect(cookie.attrs.has('httponly')).toBe(true);
    expect(cookie.attrs.get('samesite')).toBe('Lax');
    expect(cookie.attrs.get('path')).toBe('/');
    expect(cookie.attrs.has('domain')).toBe(false);
  });
});
