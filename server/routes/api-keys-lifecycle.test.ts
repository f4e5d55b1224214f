import { describe, expect, test } from 'vitest';
import { apiKeyEventListSchema } from '../../src/contract/lifecycle';
import { apiKeyListSchema, apiKeySchema, createApiKeyResponseSchema } from '../../src/contract/tokens';
import { errorOf, testStart, useTestApp } from '../testing/test-app';

const t = useTestApp();
const second = 1000;
const hour = 60 * 60 * second;
const day = 24 * hour;

const meStatus = async (secret: string, userAgent?: string) =>
  (await t.request('/api/auth/me', { bearer: secret, headers: userAgent ? { 'User-Agent': userAgent } : {} })).status;

async function rotate(cookie: string, id: string, gracePeriod: string) {
  return t.request(`/api/api-keys/${id}/rotate`, { method: 'POST', cookie, json: { gracePeriod } });
}

async function rotated(cookie: string, id: string, gracePeriod: string) {
  const res = await rotate(cookie, id, gracePeriod);
  expect(res.status).toBe(201);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return createApiKeyResponseSchema.parse(await res.json());
}

async function events(cookie: string, id: string) {
  const res = await t.request(`/api/api-keys/${id}/events`, { cookie });
  expect(res.status).toBe(200);
  return apiKeyEventListSchema.parse(await res.json()).data;
}

describe('POST /api/api-keys/:id/rotate', () => {
  test('a new secret for the same token; the old one works through the grace period and not a second longer', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret: oldSecret } = await t.createToken(cookie, { name: 'Deploy', expiresInDays: 30 });
    t.clock.advance(5 * day); // sessions last a week

    const { apiKey: next, secret: newSecret } = await rotated(cookie, apiKey.id, '1h');
    expect(newSecret).not.toBe(oldSecret);
    expect(newSecret).toMatch(/^kl_prod_/);
    expect(next).toMatchObject({ id: apiKey.id, name: 'Deploy', scopes: apiKey.scopes, environment: 'production', status: 'active' });
    expect(next.hint).toBe(`kl_prod_…${newSecret.slice(-4)}`);
    // Same lifetime as before, counted from the rotate.
    expect(next.expiresAt).toBe(new Date(testStart.getTime() + 35 * day).toISOString());
    const rotatedAt = t.clock.now();
    expect(next.rotation).toEqual({
      rotatedAt: rotatedAt.toISOString(),
      previousSecretValidUntil: new Date(rotatedAt.getTime() + hour).toISOString(),
      previousSecretActive: true,
      previousSecretUses: 0,
    });

    expect(await meStatus(newSecret)).toBe(200);
    expect(await meStatus(oldSecret)).toBe(200);
    expect(await meStatus(oldSecret)).toBe(200);
    t.clock.set(new Date(rotatedAt.getTime() + hour - second));
    expect(await meStatus(oldSecret)).toBe(200);
    t.clock.set(new Date(rotatedAt.getTime() + hour + second));
    expect(await meStatus(oldSecret)).toBe(401);
    expect(await meStatus(newSecret)).toBe(200);

    const listText = await (await t.request('/api/api-keys', { cookie })).text();
    const [listed] = apiKeyListSchema.parse(JSON.parse(listText)).data;
    expect(listed?.rotation?.previousSecretUses).toBe(3);
    expect(listText).not.toContain(newSecret.slice(8, 30));
    expect(listText).not.toContain(oldSecret.slice(8, 30));
  });

  test('no grace: the old secret dies at once', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    const { secret: newSecret } = await rotated(cookie, apiKey.id, 'none');
    expect(await meStatus(secret)).toBe(401);
    expect(await meStatus(newSecret)).toBe(200);
  });

  test('cut-off ends the grace at once, is idempotent, and is recorded', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    const { secret: newSecret } = await rotated(cookie, apiKey.id, '7d');
    expect(await meStatus(secret)).toBe(200);
    t.clock.advance(5 * second);
    const cut = await t.request(`/api/api-keys/${apiKey.id}/rotate/cut-off`, { method: 'POST', cookie });
    expect(cut.status).toBe(204);
    expect(await meStatus(secret)).toBe(401);
    expect(await meStatus(newSecret)).toBe(200);
    expect((await t.request(`/api/api-keys/${apiKey.id}/rotate/cut-off`, { method: 'POST', cookie })).status).toBe(204);

    const timeline = await events(cookie, apiKey.id);
    expect(timeline.map((e) => e.type)).toEqual(['created', 'first_used', 'rotated', 'last_used', 'grace_ended', 'rejected']);
    expect(timeline.find((e) => e.type === 'rejected')).toMatchObject({ reason: 'previous_secret', count: 1 });
    expect(timeline.find((e) => e.type === 'rotated')).toMatchObject({ gracePeriod: '7d', actor: { username: 'alice' } });
  });

  test('a second rotate ends the first one’s grace', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret: first } = await t.createToken(cookie);
    const { secret: second_ } = await rotated(cookie, apiKey.id, '24h');
    const { secret: third } = await rotated(cookie, apiKey.id, '24h');
    expect(await meStatus(first)).toBe(401);
    expect(await meStatus(second_)).toBe(200);
    expect(await meStatus(third)).toBe(200);
  });

  test('renews an expired token (no grace for its dead secret); a revoked one is a 409', async () => {
    const alice = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(alice.cookie, { expiresInDays: 7 });
    t.clock.advance(8 * day);
    const cookie = await t.signIn('alice'); // the session has ended too
    expect(await meStatus(secret)).toBe(401);
    const { apiKey: renewed, secret: fresh } = await rotated(cookie, apiKey.id, '7d');
    expect(renewed.status).toBe('active');
    expect(renewed.expiresAt).toBe(new Date(t.clock.now().getTime() + 7 * day).toISOString());
    expect(await meStatus(secret)).toBe(401);
    expect(await meStatus(fresh)).toBe(200);

    await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie });
    const res = await rotate(cookie, apiKey.id, 'none');
    expect(res.status).toBe(409);
    expect((await errorOf(res)).type).toBe('invalid_request_error');
    expect(await meStatus(fresh)).toBe(401);
  });

  test('revoking during a grace period kills both secrets', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    const { secret: fresh } = await rotated(cookie, apiKey.id, '24h');
    await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie });
    expect(await meStatus(secret)).toBe(401);
    expect(await meStatus(fresh)).toBe(401);
  });

  test('the new lifetime is capped by the policy maximum', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey } = await t.createToken(cookie, { expiresInDays: 300 });
    t.policyOverrides = { maxLifetimeDays: 90 };
    const { apiKey: next } = await rotated(cookie, apiKey.id, 'none');
    expect(next.expiresAt).toBe(new Date(testStart.getTime() + 90 * day).toISOString());
  });

  test('the policy as it is now applies: forbidden scopes or a removed environment are a 422 naming them, and nothing changes', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie, { name: 'Deploy', environment: 'production', scopes: ['write:security', 'read:projects'] });
    t.policyOverrides = { allowedScopesByEnvironment: { production: ['read:projects', 'read:security'] } };
    const forbidden = await rotate(cookie, apiKey.id, 'none');
    expect(forbidden.status).toBe(422);
    expect(await errorOf(forbidden)).toEqual({
      type: 'invalid_request_error',
      message: '“write:security” is no longer allowed for Production tokens. Create a narrower token instead.',
      fields: { scopes: '“write:security” is no longer allowed for Production tokens. Create a narrower token instead.' },
    });

    t.policyOverrides = { environments: [{ id: 'development', label: 'Development', tag: 'dev' }], defaultEnvironment: 'development' };
    const removed = await rotate(cookie, apiKey.id, 'none');
    expect(removed.status).toBe(422);
    expect((await errorOf(removed)).fields).toEqual({
      environment: 'The “production” environment is no longer allowed. Create a token for another environment instead.',
    });

    // Renewing an expired token meets the same rules.
    t.clock.advance(31 * day);
    const cookieLater = await t.signIn('alice');
    expect((await rotate(cookieLater, apiKey.id, 'none')).status).toBe(422);
    t.policyOverrides = {};
    const unchanged = apiKeySchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}`, { cookie: cookieLater })).json());
    expect(unchanged.hint).toBe(apiKey.hint);
    expect(await meStatus(secret)).toBe(401);
  });

  test('renewing an expired token respects the active-token limit, as creating does', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey } = await t.createToken(cookie, { name: 'old', expiresInDays: 1 });
    t.clock.advance(2 * day);
    await t.createToken(cookie, { name: 'one' });
    await t.createToken(cookie, { name: 'two' });
    t.policyOverrides = { maxActiveTokensPerUser: 2 };
    const res = await rotate(cookie, apiKey.id, 'none');
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toEqual({
      type: 'invalid_request_error',
      message: 'You can have at most 2 active tokens. Revoke one you no longer use first.',
    });
    // Rotating a live token does not add one: still allowed at the limit.
    const [live] = apiKeyListSchema.parse(await (await t.request('/api/api-keys?status=active', { cookie })).json()).data;
    expect((await rotate(cookie, live?.id ?? '', 'none')).status).toBe(201);
  });

  test('owner-scoped (404 for someone else’s, even an admin’s), session only, validated', async () => {
    const alice = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(alice.cookie);
    const root = await t.signedInUser('root', 'admin');
    expect((await rotate(root.cookie, apiKey.id, 'none')).status).toBe(404);
    expect((await t.request(`/api/api-keys/${apiKey.id}/rotate/cut-off`, { method: 'POST', cookie: root.cookie })).status).toBe(404);
    const asToken = await t.request(`/api/api-keys/${apiKey.id}/rotate`, { method: 'POST', bearer: secret, json: { gracePeriod: 'none' } });
    expect(asToken.status).toBe(403);
    const bad = await rotate(alice.cookie, apiKey.id, '30d');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).fields).toHaveProperty('gracePeriod');
    expect(await meStatus(secret)).toBe(200);
  });
});

describe('GET /api/api-keys/:id/events', () => {
  test('created by whom, first and last use with the client, revoked by whom, rejected attempts throttled', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    t.clock.advance(hour);
    expect(await meStatus(secret, 'curl/8.5.0')).toBe(200);
    t.clock.advance(hour);
    expect(await meStatus(secret, 'GitHub-Actions/2.317.0 node/20')).toBe(200);
    t.clock.advance(hour);
    await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie });
    t.clock.advance(hour);
    expect(await meStatus(secret, 'python-requests/2.32.3')).toBe(401);
    t.clock.advance(10 * second); // within the minute: not written
    expect(await meStatus(secret, 'curl/8.5.0')).toBe(401);
    t.clock.advance(2 * 60 * second);
    expect(await meStatus(secret, 'python-requests/2.32.3')).toBe(401);

    const timeline = await events(cookie, apiKey.id);
    expect(timeline.map((e) => [e.type, e.client, e.actor?.username ?? null])).toEqual([
      ['created', null, 'alice'],
      ['first_used', 'curl', null],
      ['last_used', 'github_actions', null],
      ['revoked', null, 'alice'],
      ['rejected', 'python', null],
    ]);
    const rejected = timeline.at(-1);
    expect(rejected).toMatchObject({ count: 2, reason: 'revoked', lastAt: t.clock.now().toISOString() });
  });

  test('owner or admin only', async () => {
    const alice = await t.signedInUser('alice');
    const { apiKey } = await t.createToken(alice.cookie);
    const bob = await t.signedInUser('bob');
    expect((await t.request(`/api/api-keys/${apiKey.id}/events`, { cookie: bob.cookie })).status).toBe(404);
    const root = await t.signedInUser('root', 'admin');
    expect((await events(root.cookie, apiKey.id)).map((e) => e.type)).toEqual(['created']);
    const one = await t.request(`/api/api-keys/${apiKey.id}`, { cookie: root.cookie });
    expect(apiKeySchema.parse(await one.json()).owner.username).toBe('alice');
  });
});
