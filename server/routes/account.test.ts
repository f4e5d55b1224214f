import { describe, expect, test } from 'vitest';
import {
  accountSessionListSchema,
  changePasswordResponseSchema,
  signOutOthersResponseSchema,
  type AccountSession,
} from '../../src/contract/account';
import { memberDetailSchema } from '../../src/contract/members';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp({ rateLimits: { passwordChangeFailuresPerUser: { limit: 3, windowMs: 60_000 } } });

const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const safari = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Signs in with a browser's User-Agent; returns the Cookie header value. */
async function signInWith(username: string, userAgent: string, password = `${username}-password`) {
  const res = await t.request('/api/session', { method: 'POST', json: { username, password }, headers: { 'User-Agent': userAgent } });
  expect(res.status).toBe(200);
  return (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
}

async function sessionsOf(cookie: string): Promise<AccountSession[]> {
  const res = await t.request('/api/account/sessions', { cookie });
  expect(res.status).toBe(200);
  return accountSessionListSchema.parse(await res.json()).sessions;
}

const isSignedIn = async (cookie: string) => (await t.request('/api/auth/me', { cookie })).status === 200;

describe('GET /api/account/sessions', () => {
  test('lists only my live sessions, this one first and marked, with browser and times, never the cookie or its digest', async () => {
    await t.createUser('alice');
    await t.createUser('bob');
    const laptop = await signInWith('alice', firefox);
    t.clock.advance(5 * 60_000);
    const phone = await signInWith('alice', safari);
    await signInWith('bob', firefox);

    const sessions = await sessionsOf(phone);
    expect(sessions.map((s) => [s.userAgent, s.current])).toEqual([
      [safari, true],
      [firefox, false],
    ]);
    expect(sessions[1]).toMatchObject({ createdAt: '2030-01-15T12:00:00.000Z', lastSeenAt: '2030-01-15T12:00:00.000Z' });
    const body = JSON.stringify(sessions);
    for (const cookie of [laptop, phone]) expect(body).not.toContain(cookie.split('=')[1]);
    const hashes = await t.db.query<{ id_hash: Uint8Array }>('SELECT id_hash FROM sessions');
    for (const { id_hash } of hashes) {
      expect(body).not.toContain(Buffer.from(id_hash).toString('hex'));
      expect(body).not.toContain(Buffer.from(id_hash).toString('base64url'));
    }
  });

  test('expired sessions are not listed', async () => {
    await t.createUser('alice');
    await signInWith('alice', firefox);
    t.clock.advance(8 * 24 * 60 * 60_000);
    const fresh = await signInWith('alice', safari);
    expect((await sessionsOf(fresh)).map((s) => s.userAgent)).toEqual([safari]);
  });

  test('a token cannot read or end sessions: session only', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    for (const method of ['GET', 'DELETE']) {
      const res = await t.request('/api/account/sessions', { method, bearer: secret });
      expect(res.status).toBe(403);
    }
    const res = await t.request('/api/account/password', { method: 'POST', bearer: secret, json: { currentPassword: 'alice-password', newPassword: 'a brand new passphrase' } });
    expect(res.status).toBe(403);
    expect(await isSignedIn(cookie)).toBe(true);
  });

  test('signed out: 401', async () => {
    expect((await t.request('/api/account/sessions')).status).toBe(401);
  });
});

describe('last seen', () => {
  test('is written at most once a minute per session, not on every request', async () => {
    await t.createUser('alice');
    const cookie = await signInWith('alice', firefox);
    const lastSeen = async () => (await t.db.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM sessions'))[0]?.last_seen_at.toISOString();
    const writes: string[] = [];
    const original = t.db.query.bind(t.db);
    t.db.query = async <T,>(sql: string, params?: unknown[]) => {
      if (/^\s*UPDATE sessions/i.test(sql)) writes.push(sql);
      return original<T>(sql, params);
    };
    try {
      t.clock.advance(30_000);
      for (let i = 0; i < 5; i += 1) expect(await isSignedIn(cookie)).toBe(true);
      expect(writes).toHaveLength(0);
      expect(await lastSeen()).toBe('2030-01-15T12:00:00.000Z');

      t.clock.advance(30_000);
      for (let i = 0; i < 5; i += 1) expect(await isSignedIn(cookie)).toBe(true);
      expect(writes).toHaveLength(1);
      expect(await lastSeen()).toBe('2030-01-15T12:01:00.000Z');

      t.clock.advance(59_000);
      expect(await isSignedIn(cookie)).toBe(true);
      expect(writes).toHaveLength(1);
      t.clock.advance(1_000);
      expect(await isSignedIn(cookie)).toBe(true);
      expect(writes).toHaveLength(2);
      expect((await sessionsOf(cookie))[0]?.lastSeenAt).toBe('2030-01-15T12:02:00.000Z');
    } finally {
      t.db.query = original;
    }
  });
});

test('a last-seen write that fails does not fail the request, and is logged without the session', async () => {
  await t.createUser('alice');
  const cookie = await signInWith('alice', firefox);
  const original = t.db.query.bind(t.db);
  t.db.query = async <T,>(sql: string, params?: unknown[]) => {
    if (/^\s*UPDATE sessions/i.test(sql)) throw new Error('database is read-only');
    return original<T>(sql, params);
  };
  try {
    t.clock.advance(2 * 60_000);
    expect(await isSignedIn(cookie)).toBe(true);
  } finally {
    t.db.query = original;
  }
  const logged = JSON.stringify(t.logs);
  expect(logged).toContain('Could not record session use');
  expect(logged).not.toContain(cookie.split('=')[1]);
});

describe('DELETE /api/account/sessions/:id', () => {
  test('signs out one of my other sessions and keeps this one', async () => {
    await t.createUser('alice');
    const laptop = await signInWith('alice', firefox);
    const phone = await signInWith('alice', safari);
    const other = (await sessionsOf(laptop)).find((s) => !s.current);
    const res = await t.request(`/api/account/sessions/${other?.id ?? ''}`, { method: 'DELETE', cookie: laptop });
    expect(res.status).toBe(204);
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(laptop)).toBe(true);
    expect((await sessionsOf(laptop)).map((s) => s.current)).toEqual([true]);
  });

  test('another person’s session is a 404 and stays signed in', async () => {
    await t.createUser('alice');
    await t.createUser('mallory');
    const alice = await signInWith('alice', firefox);
    const mallory = await signInWith('mallory', safari);
    const alicesId = (await sessionsOf(alice))[0]?.id ?? '';
    const res = await t.request(`/api/account/sessions/${alicesId}`, { method: 'DELETE', cookie: mallory });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).type).toBe('not_found_error');
    expect(await isSignedIn(alice)).toBe(true);
    // Unknown ids and junk alike.
    for (const id of ['no-such-session', 'x'.repeat(500)]) {
      expect((await t.request(`/api/account/sessions/${id}`, { method: 'DELETE', cookie: mallory })).status).toBe(404);
    }
  });

  test('this session cannot be ended here: 409, and it stays signed in', async () => {
    const { cookie } = await t.signedInUser('alice');
    const current = (await sessionsOf(cookie))[0]?.id ?? '';
    const res = await t.request(`/api/account/sessions/${current}`, { method: 'DELETE', cookie });
    expect(res.status).toBe(409);
    expect(await isSignedIn(cookie)).toBe(true);
  });
});

describe('DELETE /api/account/sessions', () => {
  test('signs out every other session of mine, keeps this one and nobody else’s', async () => {
    await t.createUser('alice');
    await t.createUser('bob');
    const here = await signInWith('alice', firefox);
    const others = [await signInWith('alice', safari), await signInWith('alice', firefox)];
    const bob = await signInWith('bob', firefox);
    const res = await t.request('/api/account/sessions', { method: 'DELETE', cookie: here });
    expect(res.status).toBe(200);
    expect(signOutOthersResponseSchema.parse(await res.json())).toEqual({ signedOut: 2 });
    for (const cookie of others) expect(await isSignedIn(cookie)).toBe(false);
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(bob)).toBe(true);
  });
});

describe('POST /api/account/password', () => {
  const change = (cookie: string, json: unknown) => t.request('/api/account/password', { method: 'POST', cookie, json });

  test('changes the password, ends every other session, keeps this one and records it as mine', async () => {
    const { user } = await t.createUser('alice');
    const here = await signInWith('alice', firefox);
    const elsewhere = await signInWith('alice', safari);
    const res = await change(here, { currentPassword: 'alice-password', newPassword: 'a brand new passphrase' });
    expect(res.status).toBe(200);
    expect(changePasswordResponseSchema.parse(await res.json())).toEqual({ signedOut: 1 });
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(elsewhere)).toBe(false);

    const signIn = (password: string) => t.request('/api/session', { method: 'POST', json: { username: 'alice', password } });
    expect((await signIn('alice-password')).status).toBe(401);
    expect((await signIn('a brand new passphrase')).status).toBe(200);

    const admin = await t.signedInUser('root', 'admin');
    const detail = memberDetailSchema.parse(await (await t.request(`/api/users/${user.id}`, { cookie: admin.cookie })).json());
    expect(detail.events.map((e) => [e.type, e.actor?.username ?? null])).toEqual([['password_changed', 'alice']]);
    expect(JSON.stringify(t.logs)).not.toContain('a brand new passphrase');
  });

  test('a wrong current password is a 422 on that field and changes nothing', async () => {
    await t.createUser('alice');
    const here = await signInWith('alice', firefox);
    const elsewhere = await signInWith('alice', safari);
    const res = await change(here, { currentPassword: 'not-my-password', newPassword: 'a brand new passphrase' });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.type).toBe('invalid_request_error');
    expect(error.fields).toEqual({ currentPassword: 'That is not your current password.' });
    expect(await isSignedIn(elsewhere)).toBe(true);
    expect((await t.request('/api/session', { method: 'POST', json: { username: 'alice', password: 'alice-password' } })).status).toBe(200);
  });

  test('wrong current passwords are limited like sign-in failures: then even the right one gets 429', async () => {
    const { cookie } = await t.signedInUser('alice');
    for (let i = 0; i < 3; i += 1) {
      expect((await change(cookie, { currentPassword: `guess-${i}`, newPassword: 'a brand new passphrase' })).status).toBe(422);
    }
    const limited = await change(cookie, { currentPassword: 'alice-password', newPassword: 'a brand new passphrase' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toMatch(/^\d+$/);
    // Another person is not limited by alice's failures.
    const bob = await t.signedInUser('bob');
    expect((await change(bob.cookie, { currentPassword: 'bob-password', newPassword: 'bob’s new passphrase' })).status).toBe(200);
    t.clock.advance(60_000);
    expect((await change(cookie, { currentPassword: 'alice-password', newPassword: 'a brand new passphrase' })).status).toBe(200);
  });

  test.each([
    [{ currentPassword: 'alice-password', newPassword: 'short' }, 'newPassword', 'Use at least 12 characters.'],
    [{ currentPassword: 'alice-password', newPassword: 'aaaaaaaaaaaaaaaa' }, 'newPassword', 'Use more different characters.'],
    [{ currentPassword: 'alice-password', newPassword: 'alice-password' }, 'newPassword', 'Choose a password different from your current one.'],
    [{ currentPassword: '', newPassword: 'a brand new passphrase' }, 'currentPassword', 'Enter your current password.'],
    [{ newPassword: 'a brand new passphrase' }, 'currentPassword', 'Enter your current password.'],
  ])('a weak or missing password is a 400 on its field and changes nothing: %o', async (json, field, message) => {
    const { cookie } = await t.signedInUser('alice');
    const elsewhere = await t.signIn('alice');
    const res = await change(cookie, json);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.[field]).toBe(message);
    expect(await isSignedIn(elsewhere)).toBe(true);
    expect((await t.request('/api/session', { method: 'POST', json: { username: 'alice', password: 'alice-password' } })).status).toBe(200);
  });

  test('unknown fields and a body that is not JSON are 400s', async () => {
    const { cookie } = await t.signedInUser('alice');
    expect((await change(cookie, { currentPassword: 'alice-password', newPassword: 'a brand new passphrase', admin: true })).status).toBe(400);
    const res = await t.request('/api/account/password', { method: 'POST', cookie, headers: { 'Content-Type': 'application/json' }, json: undefined });
    expect(res.status).toBe(400);
  });

  test('a pending password-reset link stops working once the password is changed', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const { user } = await t.createUser('alice');
    const issued = await t.request(`/api/users/${user.id}/invite`, { method: 'POST', cookie: admin.cookie });
    expect(issued.status).toBe(200);
    const code = new URL(((await issued.json()) as { inviteUrl: string }).inviteUrl).pathname.split('/').at(-1) ?? '';
    const cookie = await t.signIn('alice');
    expect((await change(cookie, { currentPassword: 'alice-password', newPassword: 'a brand new passphrase' })).status).toBe(200);
    expect((await t.request(`/api/invites/${code}`)).status).toBe(404);
  });
});
