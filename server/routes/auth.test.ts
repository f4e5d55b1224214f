import { describe, expect, test } from 'vitest';
import { apiKeySchema } from '../../src/contract/tokens';
import { meResponseSchema } from '../../src/contract/users';
import { errorOf, useTestApp } from '../testing/test-app';
import { generateSecret } from '../tokens/secrets';

const t = useTestApp();
const day = 24 * 60 * 60 * 1000;

async function expectInvalidToken(res: Response) {
  expect(res.status).toBe(401);
  expect(res.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
  expect(await errorOf(res)).toEqual({
    type: 'authentication_error',
    message: 'The token is invalid, expired or revoked.',
  });
}

async function lastUsedAt(id: string, cookie: string) {
  const res = await t.request(`/api/api-keys/${id}`, { cookie });
  return apiKeySchema.parse(await res.json()).lastUsedAt;
}

describe('GET /api/auth/me', () => {
  test('with the session cookie: the user, by session', async () => {
    const { user, cookie } = await t.signedInUser('alice', 'admin');
    const res = await t.request('/api/auth/me', { cookie });
    expect(res.status).toBe(200);
    expect(meResponseSchema.parse(await res.json())).toEqual({ user, auth: { method: 'session' } });
  });

  test('with a bearer token: the token owner, by token, with its scopes', async () => {
    const { user, cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie, { scopes: ['write:projects'] });
    const res = await t.request('/api/auth/me', { bearer: secret });
    expect(res.status).toBe(200);
    expect(meResponseSchema.parse(await res.json())).toEqual({
      user,
      auth: { method: 'token', apiKeyId: apiKey.id, scopes: ['read:projects', 'write:projects'], expiresAt: apiKey.expiresAt },
    });
  });

  test('without credentials: 401 with WWW-Authenticate: Bearer', async () => {
    const res = await t.request('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect((await errorOf(res)).type).toBe('authentication_error');
  });

  test('a valid token in x-api-key alone is not accepted', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const res = await t.request('/api/auth/me', { headers: { 'x-api-key': secret } });
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
  });

  test('malformed, unknown, expired and revoked tokens all get the same 401', async () => {
    const { cookie } = await t.signedInUser('alice');
    const expiring = await t.createToken(cookie, { name: 'expiring', expiresInDays: 1 });
    const revoked = await t.createToken(cookie, { name: 'revoked' });

    await expectInvalidToken(await t.request('/api/auth/me', { bearer: 'not-a-token' }));
    await expectInvalidToken(await t.request('/api/auth/me', { bearer: `${revoked.secret.slice(0, -1)}${revoked.secret.endsWith('x') ? 'y' : 'x'}` }));
    // Well-formed with a valid checksum, but never issued.
    await expectInvalidToken(await t.request('/api/auth/me', { bearer: generateSecret('kl', 'prod') }));
    await expectInvalidToken(await t.request('/api/auth/me', { headers: { Authorization: `Basic ${revoked.secret}` } }));

    expect((await t.request(`/api/api-keys/${revoked.apiKey.id}`, { method: 'DELETE', cookie })).status).toBe(204);
    await expectInvalidToken(await t.request('/api/auth/me', { bearer: revoked.secret }));

    expect((await t.request('/api/auth/me', { bearer: expiring.secret })).status).toBe(200);
    t.clock.advance(day);
    await expectInvalidToken(await t.request('/api/auth/me', { bearer: expiring.secret }));
  });

  test('a token from another server secret is rejected', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    await t.db.query("UPDATE api_keys SET digest = '\\x00'::bytea");
    await expectInvalidToken(await t.request('/api/auth/me', { bearer: secret }));
  });
});

describe('last used', () => {
  test('a token call records time, user agent; at most one write a minute', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    expect(apiKey.lastUsedAt).toBeNull();

    const first = t.clock.now().toISOString();
    await t.request('/api/auth/me', { bearer: secret, headers: { 'User-Agent': 'keyline-cli/1.0' } });
    const afterFirst = apiKeySchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}`, { cookie })).json());
    expect(afterFirst.lastUsedAt).toBe(first);
    expect(afterFirst.lastUsedUserAgent).toBe('keyline-cli/1.0');

    t.clock.advance(30_000);
    await t.request('/api/auth/me', { bearer: secret });
    expect(await lastUsedAt(apiKey.id, cookie)).toBe(first);

    t.clock.advance(31_000);
    await t.request('/api/auth/me', { bearer: secret });
    expect(await lastUsedAt(apiKey.id, cookie)).toBe(t.clock.now().toISOString());
  });

  test('a failing last-used write does not fail the request', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const realQuery = t.db.query.bind(t.db);
    t.db.query = async <T>(sql: string, params?: unknown[]) => {
      if (sql.includes('SET last_used_at')) throw new Error('disk full');
      return realQuery<T>(sql, params);
    };
    try {
      expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
    } finally {
      t.db.query = realQuery;
    }
    expect(t.logs.some(([message]) => String(message).includes('Could not record token use'))).toBe(true);
  });
});

describe('DELETE /api/auth/token', () => {
  test('a token revokes itself: the next call with it is a 401, its timeline says its owner revoked it', async () => {
    const { user, cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    const other = await t.createToken(cookie, { name: 'other' });
    const res = await t.request('/api/auth/token', { method: 'DELETE', bearer: secret, withoutCsrfHeader: true });
    expect(res.status).toBe(204);
    await expectInvalidToken(await t.request('/api/auth/me', { bearer: secret }));
    const revoked = apiKeySchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}`, { cookie })).json());
    expect(revoked).toMatchObject({ status: 'revoked', revokedBy: { id: user.id, username: 'alice' } });
    // Nothing else: the owner's other token still works.
    expect((await t.request('/api/auth/me', { bearer: other.secret })).status).toBe(200);
  });

  test('a dead or missing token gets the usual 401, a session a 400: nothing is revoked', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    await expectInvalidToken(await t.request('/api/auth/token', { method: 'DELETE', bearer: `${secret}x` }));
    const withSession = await t.request('/api/auth/token', { method: 'DELETE', cookie });
    expect(withSession.status).toBe(400);
    expect((await errorOf(withSession)).type).toBe('invalid_request_error');
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
  });
});
