import { describe, expect, test } from 'vitest';
import { csrfHeader } from '../../src/contract/headers';
import { meResponseSchema, signInResponseSchema } from '../../src/contract/users';
import { createApp } from '../app';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp();

describe('POST /api/session', () => {
  test('signs in with the right password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const { user } = await t.createUser('alice');
    const res = await t.request('/api/session', { method: 'POST', json: { username: 'alice', password: 'alice-password' } });
    expect(res.status).toBe(200);
    expect(signInResponseSchema.parse(await res.json())).toEqual({ user });
    const cookie = res.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^keyline_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
  });

  test('accepts the username in any case', async () => {
    await t.createUser('alice');
    const res = await t.request('/api/session', { method: 'POST', json: { username: 'ALICE', password: 'alice-password' } });
    expect(res.status).toBe(200);
  });

  test('a wrong password and an unknown user get the same 401', async () => {
    await t.createUser('alice');
    const wrongPassword = await t.request('/api/session', { method: 'POST', json: { username: 'alice', password: 'nope' } });
    const unknownUser = await t.request('/api/session', { method: 'POST', json: { username: 'mallory', password: 'nope' } });
    for (const res of [wrongPassword, unknownUser]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('Set-Cookie')).toBeNull();
      expect(await errorOf(res)).toEqual({ type: 'authentication_error', message: 'Incorrect username or password.' });
    }
  });

  test('a missing password is a 400 with fields', async () => {
    const res = await t.request('/api/session', { method: 'POST', json: { username: 'alice' } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields).toHaveProperty('password');
  });

  test('malformed JSON is a 400 in the envelope', async () => {
    const res = await t.app.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [csrfHeader.name]: csrfHeader.value },
      body: '{"username":',
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).type).toBe('invalid_request_error');
  });

  test('the session expires after 7 days', async () => {
    const { cookie } = await t.signedInUser('alice');
    t.clock.advance(7 * 24 * 60 * 60 * 1000 - 1000);
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(200);
    t.clock.advance(1000);
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(401);
  });
});

describe('DELETE /api/session', () => {
  test('signs out: the cookie is cleared and the old session no longer works', async () => {
    const { cookie } = await t.signedInUser('alice');
    const me = await t.request('/api/auth/me', { cookie });
    expect(meResponseSchema.parse(await me.json()).auth).toEqual({ method: 'session' });

    const res = await t.request('/api/session', { method: 'DELETE', cookie });
    expect(res.status).toBe(204);
    expect(res.headers.get('Set-Cookie')).toMatch(/^keyline_session=;.*Max-Age=0/);
    expect((await t.request('/api/auth/me', { cookie })).status).toBe(401);
    expect(await t.db.query('SELECT * FROM sessions')).toEqual([]);
  });

  test('without a session it is still a 204', async () => {
    expect((await t.request('/api/session', { method: 'DELETE' })).status).toBe(204);
  });
});

describe('secure cookies', () => {
  test('behind https the cookie is __Host- prefixed and Secure', async () => {
    // Same database, an app configured for https.
    const secure = createApp({ db: t.db, clock: t.clock, config: { ...t.config, secureCookies: true, logger: t.logger } });
    await t.createUser('alice');
    const res = await secure.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [csrfHeader.name]: csrfHeader.value },
      body: JSON.stringify({ username: 'alice', password: 'alice-password' }),
    });
    const cookie = res.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^__Host-keyline_session=/);
    expect(cookie).toMatch(/; Secure/);
    const pair = cookie.split(';')[0] ?? '';
    expect((await secure.request('/api/auth/me', { headers: { Cookie: pair } })).status).toBe(200);
    // The plain-http name is not read by an https deployment, and vice versa.
    expect((await t.request('/api/auth/me', { cookie: pair })).status).toBe(401);
  });
});
