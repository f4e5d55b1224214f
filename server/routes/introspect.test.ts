import { describe, expect, test } from 'vitest';
import { activeIntrospectionSchema, introspectionResponseSchema } from '../../src/contract/introspection';
import { tokenUsageSchema } from '../../src/contract/usage';
import { errorOf, testStart, useTestApp } from '../testing/test-app';

const t = useTestApp({ rateLimits: { introspectionsPerCaller: { limit: 5_000, windowMs: 60_000 } } });
const day = 24 * 60 * 60 * 1000;

/** A resource server's token: of a service account holding the introspect permission. */
async function gateway() {
  const { cookie } = await t.signedInUser('gateway-admin', 'admin');
  const { secret } = await t.createServiceAccountToken(cookie, { name: 'api-gateway', permissions: ['introspect'], token: { environment: 'production' } });
  return secret;
}

async function introspectForm(caller: string | null, fields: Record<string, string>) {
  return t.app.request('/api/oauth/introspect', {
    method: 'POST',
    headers: {
      ...(caller ? { Authorization: `Bearer ${caller}` } : {}),
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields).toString(),
  });
}

async function introspectJson(caller: string, body: unknown) {
  return t.app.request('/api/oauth/introspect', {
    method: 'POST',
    headers: { Authorization: `Bearer ${caller}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function answerOf(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return introspectionResponseSchema.parse(await res.json());
}

describe('POST /api/oauth/introspect', () => {
  test('an active token: the RFC 7662 fields, from a form body and from JSON alike', async () => {
    const caller = await gateway();
    const { user, cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie, { environment: 'staging', scopes: ['read:projects', 'write:deployments'] });

    const fromForm = await answerOf(await introspectForm(caller, { token: secret, token_type_hint: 'access_token' }));
    expect(fromForm).toEqual({
      active: true,
      scope: 'read:projects read:deployments write:deployments',
      username: 'alice',
      sub: user.id,
      exp: Math.floor(new Date(apiKey.expiresAt).getTime() / 1000),
      iat: Math.floor(testStart.getTime() / 1000),
      token_type: 'bearer',
      environment: 'staging',
      keyline_token_id: apiKey.id,
    });
    expect(await answerOf(await introspectJson(caller, { token: secret }))).toEqual(fromForm);
  });

  test('every inactive kind answers {"active": false} and nothing else', async () => {
    const caller = await gateway();
    const { cookie } = await t.signedInUser('alice');
    const revoked = await t.createToken(cookie, { name: 'Revoked' });
    expect((await t.request(`/api/api-keys/${revoked.apiKey.id}`, { method: 'DELETE', cookie })).status).toBe(204);
    const expiring = await t.createToken(cookie, { name: 'Expiring', expiresInDays: 1 });
    const rotatedAway = await t.createToken(cookie, { name: 'Rotated' });
    expect((await t.request(`/api/api-keys/${rotatedAway.apiKey.id}/rotate`, { method: 'POST', cookie, json: { gracePeriod: 'none' } })).status).toBe(201);
    const { cookie: bobCookie } = await t.signedInUser('bob');
    const deactivated = await t.createToken(bobCookie, { name: 'Bob’s' });
    const adminCookie = await t.signIn('gateway-admin');
    const bobId = (await t.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'bob'`))[0]!.id;
    expect((await t.request(`/api/users/${bobId}`, { method: 'PATCH', cookie: adminCookie, json: { status: 'deactivated' } })).status).toBe(200);
    const unknown = `${expiring.secret.slice(0, -10)}AAAAAAAAAA`;
    t.clock.advance(2 * day);

    for (const token of [revoked.secret, expiring.secret, rotatedAway.secret, deactivated.secret, unknown, 'not-a-token', 'kl_prod_\u0000', 'x'.repeat(4096)]) {
      const res = await introspectForm(caller, { token });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ active: false });
    }
  });

  test('a replaced secret is active until its grace period ends, with exp at the end of it', async () => {
    const caller = await gateway();
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    expect((await t.request(`/api/api-keys/${apiKey.id}/rotate`, { method: 'POST', cookie, json: { gracePeriod: '1h' } })).status).toBe(201);
    const answer = activeIntrospectionSchema.parse(await (await introspectForm(caller, { token: secret })).json());
    expect(answer.exp).toBe(Math.floor((testStart.getTime() + 60 * 60 * 1000) / 1000));
    t.clock.advance(60 * 60 * 1000 + 1000);
    expect(await (await introspectForm(caller, { token: secret })).json()).toEqual({ active: false });
  });

  test('required_scope: granted by the scope or by its write:, denied otherwise, and each counted as such', async () => {
    const caller = await gateway();
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie, { scopes: ['write:deployments', 'read:projects'] });
    const granted = async (required_scope: string) => {
      const answer = activeIntrospectionSchema.parse(await (await introspectForm(caller, { token: secret, required_scope })).json());
      return answer.required_scope_granted;
    };
    expect(await granted('read:projects')).toBe(true);
    expect(await granted('read:deployments')).toBe(true); // write implies read
    expect(await granted('write:deployments')).toBe(true);
    expect(await granted('write:projects')).toBe(false); // read does not imply write
    expect(await granted('read:security')).toBe(false);
    expect(await granted('read:projects read:deployments')).toBe(true);
    expect(await granted('read:projects write:security')).toBe(false);

    const usage = await usageOf(cookie, apiKey.id);
    const today = usage.days.at(-1);
    expect(today).toEqual({ day: '2030-01-15', success: 4, denied: 3, rejected: 0 }); // calls, not scopes
    expect(usage.scopes.map((s) => [s.scope, s.count]).sort()).toEqual([
      ['read:deployments', 2],
      ['read:projects', 2],
      ['write:deployments', 1],
    ]);
  });

  test('the caller must send a token (401 with WWW-Authenticate) that may introspect (403), and learns nothing otherwise', async () => {
    const { cookie: memberCookie } = await t.signedInUser('mallory');
    const { secret: memberToken } = await t.createToken(memberCookie, { name: 'Mallory’s' });
    const { cookie: adminCookie } = await t.signedInUser('root', 'admin');
    const { secret: victim } = await t.createToken(adminCookie, { name: 'Victim' });

    const none = await introspectForm(null, { token: victim });
    expect(none.status).toBe(401);
    expect(none.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    expect((await errorOf(none)).type).toBe('authentication_error');

    const bad = await introspectForm(`${memberToken.slice(0, -3)}xyz`, { token: victim });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);

    // A signed-in admin's browser session is not a resource server.
    const session = await t.app.request('/api/oauth/introspect', {
      method: 'POST',
      headers: { Cookie: adminCookie, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'keyline' },
      body: `token=${victim}`,
    });
    expect(session.status).toBe(401);
    expect(session.headers.get('WWW-Authenticate')).toBe('Bearer');

    const member = await introspectForm(memberToken, { token: victim });
    expect(member.status).toBe(403);
    const error = await errorOf(member);
    expect(error.type).toBe('permission_error');
    expect(JSON.stringify(error)).not.toContain('root');

    // Not an admin's own token either, nor a service account's without the permission.
    const { secret: adminToken } = await t.createToken(adminCookie, { name: 'Root’s laptop' });
    const { secret: ciToken, serviceAccountId } = await t.createServiceAccountToken(adminCookie, { name: 'ci-runner' });
    for (const caller of [adminToken, ciToken]) expect((await introspectForm(caller, { token: victim })).status).toBe(403);
    // Given the permission, the same token may: it takes effect at once.
    const granted = await t.request(`/api/service-accounts/${serviceAccountId}`, { method: 'PATCH', cookie: adminCookie, json: { permissions: ['introspect'] } });
    expect(granted.status).toBe(200);
    expect((await introspectForm(ciToken, { token: victim })).status).toBe(200);
  });

  test('bad bodies are 400/415 in the error envelope, never a 5xx', async () => {
    const caller = await gateway();
    for (const body of [{}, { token: 42 }, { token: '' }, { token: 'a', required_scope: ['read:projects'] }, { token: 'x'.repeat(5000) }, null, [1]]) {
      const res = await introspectJson(caller, body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).type).toBe('invalid_request_error');
    }
    const broken = await t.app.request('/api/oauth/introspect', {
      method: 'POST',
      headers: { Authorization: `Bearer ${caller}`, 'Content-Type': 'application/json' },
      body: '{"token": ',
    });
    expect(broken.status).toBe(400);
    expect((await introspectForm(caller, { token_type_hint: 'x' })).status).toBe(400);
    const twice = await t.app.request('/api/oauth/introspect', {
      method: 'POST',
      headers: { Authorization: `Bearer ${caller}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'token=a&token=b',
    });
    expect(twice.status).toBe(400);
    const text = await t.app.request('/api/oauth/introspect', {
      method: 'POST',
      headers: { Authorization: `Bearer ${caller}`, 'Content-Type': 'text/plain' },
      body: 'token=a',
    });
    expect(text.status).toBe(415);
  });

  test('never writes the presented token to the log', async () => {
    const caller = await gateway();
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    await introspectForm(caller, { token: secret });
    await introspectForm(caller, { token: `${secret}junk` });
    expect(t.logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(t.logs)).not.toContain(secret);
  });

  test('usage counts add up exactly under many concurrent checks, bearer calls included', async () => {
    const caller = await gateway();
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie, { scopes: ['read:projects'] });
    const { apiKey: dead, secret: deadSecret } = await t.createToken(cookie, { name: 'Dead' });
    expect((await t.request(`/api/api-keys/${dead.id}`, { method: 'DELETE', cookie })).status).toBe(204);

    const calls: Promise<Response>[] = [];
    for (let i = 0; i < 150; i += 1) {
      calls.push(introspectForm(caller, { token: secret, required_scope: 'read:projects' }));
      calls.push(introspectForm(caller, { token: secret, required_scope: 'write:projects' }));
      calls.push(Promise.resolve(t.request('/api/auth/me', { bearer: secret })));
      // Minutes pass meanwhile: the recorder flushes in the background while calls keep coming.
      if (i % 50 === 0) t.clock.advance(61_000);
    }
    for (let i = 0; i < 20; i += 1) calls.push(introspectForm(caller, { token: deadSecret }));
    expect(new Set((await Promise.all(calls)).map((res) => res.status))).toEqual(new Set([200]));

    const usage = await usageOf(cookie, apiKey.id);
    const total = usage.days.reduce((sum, d) => ({ success: sum.success + d.success, denied: sum.denied + d.denied }), { success: 0, denied: 0 });
    expect(total).toEqual({ success: 300, denied: 150 });
    expect(usage.scopes.find((s) => s.scope === 'read:projects')?.count).toBe(150);
    expect(usage.scopes.find((s) => s.scope === null)?.count).toBe(150);
    expect(usage.clients.map((client) => [client.via, client.count]).sort()).toEqual([['bearer', 150], ['introspection', 300]]);
    expect((await usageOf(cookie, dead.id)).days.at(-1)?.rejected).toBe(20);
  });

});

describe('the per-caller limit', () => {
  const l = useTestApp({ rateLimits: { introspectionsPerCaller: { limit: 3, windowMs: 60_000 } } });

  test('refuses a caller past its limit with 429 and Retry-After, while another caller goes on', async () => {
    const { cookie } = await l.signedInUser('ops', 'admin');
    const { secret: first } = await l.createServiceAccountToken(cookie, { name: 'gateway-a', permissions: ['introspect'] });
    const { secret: second } = await l.createServiceAccountToken(cookie, { name: 'gateway-b', permissions: ['introspect'] });
    const ask = async (caller: string) =>
      l.app.request('/api/oauth/introspect', {
        method: 'POST',
        headers: { Authorization: `Bearer ${caller}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `token=${second}`,
      });
    for (let i = 0; i < 3; i += 1) expect((await ask(first)).status).toBe(200);
    const refused = await ask(first);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await errorOf(refused)).type).toBe('rate_limit_error');
    expect((await ask(second)).status).toBe(200);
    l.clock.advance(60_000);
    expect((await ask(first)).status).toBe(200);
  });
});

async function usageOf(cookie: string, id: string) {
  const res = await t.request(`/api/api-keys/${id}/usage`, { cookie });
  expect(res.status).toBe(200);
  return tokenUsageSchema.parse(await res.json());
}
