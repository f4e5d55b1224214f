import { describe, expect, test } from 'vitest';
import { apiKeyEventListSchema } from '../../src/contract/lifecycle';
import { apiKeySchema } from '../../src/contract/tokens';
import { dailyUsageListSchema, tokenUsageSchema } from '../../src/contract/usage';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp();
const day = 24 * 60 * 60 * 1000;

describe('GET /api/api-keys/:id/usage and /api/usage/daily', () => {
  test('another member’s token is a 404 and is left out of the sparklines; an admin sees both', async () => {
    const { cookie: alice } = await t.signedInUser('alice');
    const { cookie: bob } = await t.signedInUser('bob');
    const { cookie: admin } = await t.signedInUser('root', 'admin');
    const mine = await t.createToken(alice, { name: 'Mine' });
    const theirs = await t.createToken(bob, { name: 'Theirs' });
    expect((await t.request('/api/auth/me', { bearer: mine.secret })).status).toBe(200);
    expect((await t.request('/api/auth/me', { bearer: theirs.secret })).status).toBe(200);

    const other = await t.request(`/api/api-keys/${theirs.apiKey.id}/usage`, { cookie: alice });
    expect(other.status).toBe(404);
    expect((await errorOf(other)).type).toBe('not_found_error');

    const daily = async (cookie: string) => {
      const res = await t.request(`/api/usage/daily?ids=${mine.apiKey.id},${theirs.apiKey.id},nope`, { cookie });
      expect(res.status).toBe(200);
      return dailyUsageListSchema.parse(await res.json()).data;
    };
    const forAlice = await daily(alice);
    expect(Object.keys(forAlice)).toEqual([mine.apiKey.id]);
    expect(forAlice[mine.apiKey.id]).toHaveLength(14);
    expect(forAlice[mine.apiKey.id]?.at(-1)).toBe(1);
    expect(Object.keys(await daily(admin)).sort()).toEqual([mine.apiKey.id, theirs.apiKey.id].sort());

    const theirUsage = await t.request(`/api/api-keys/${theirs.apiKey.id}/usage`, { cookie: admin });
    expect(tokenUsageSchema.parse(await theirUsage.json()).days.at(-1)?.success).toBe(1);
    const tooMany = Array.from({ length: 101 }, (_, i) => `k${i}`).join(',');
    expect((await t.request(`/api/usage/daily?ids=${tooMany}`, { cookie: alice })).status).toBe(400);
    expect((await t.request(`/api/api-keys/${mine.apiKey.id}/usage`, { bearer: mine.secret })).status).toBe(403);
  });

  test('scopes held 30 days without a use are suggested for removal; a read use keeps its write scope only when read is not held', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { cookie: admin } = await t.signedInUser('gw', 'admin');
    const { secret: gateway } = await t.createServiceAccountToken(admin, { name: 'gateway', permissions: ['introspect'] });
    const { apiKey, secret } = await t.createToken(cookie, { scopes: ['read:projects', 'write:deployments'], expiresInDays: 90 });
    expect(apiKey.scopes).toEqual(['read:projects', 'read:deployments', 'write:deployments']);
    const ask = (required_scope: string) =>
      t.app.request('/api/oauth/introspect', {
        method: 'POST',
        headers: { Authorization: `Bearer ${gateway}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: secret, required_scope }).toString(),
      });
    expect((await ask('read:deployments')).status).toBe(200);

    const usageAt = async () => tokenUsageSchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}/usage`, { cookie: await t.signIn('alice') })).json());
    expect((await usageAt()).unusedScopes).toEqual([]); // held less than 30 days
    t.clock.advance(31 * day);
    expect((await usageAt()).unusedScopes).toEqual([
      { scope: 'read:projects', neverUsed: true },
      { scope: 'write:deployments', neverUsed: true },
    ]);
  });
});

describe('GET /api/usage/daily', () => {
  test('per token: calls per day, and of those the denials and rejections, for the sparklines’ labels', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { cookie: admin } = await t.signedInUser('gw', 'admin');
    const { secret: gateway } = await t.createServiceAccountToken(admin, { name: 'gateway', permissions: ['introspect'] });
    const { apiKey, secret } = await t.createToken(cookie, { scopes: ['read:projects'] });
    const quiet = await t.createToken(cookie, { name: 'Quiet', scopes: ['read:projects'] });
    const ask = (required_scope: string) =>
      t.app.request('/api/oauth/introspect', {
        method: 'POST',
        headers: { Authorization: `Bearer ${gateway}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: secret, required_scope }).toString(),
      });
    expect((await ask('read:projects')).status).toBe(200);
    expect((await ask('read:projects')).status).toBe(200);
    expect((await ask('write:security')).status).toBe(200);
    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie })).status).toBe(204);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(401);

    const res = await t.request(`/api/usage/daily?ids=${quiet.apiKey.id},${apiKey.id}`, { cookie });
    expect(res.status).toBe(200);
    const list = dailyUsageListSchema.parse(await res.json());
    const zeros = Array.from({ length: 13 }, () => 0);
    expect(list.data[apiKey.id]).toEqual([...zeros, 4]);
    expect(list.denied[apiKey.id]).toEqual([...zeros, 1]);
    expect(list.rejected[apiKey.id]).toEqual([...zeros, 1]);
    expect(list.data[quiet.apiKey.id]).toEqual([...zeros, 0]);
    expect(list.denied[quiet.apiKey.id]).toEqual([...zeros, 0]);
  });

  test('bad ids are a 400 or are left out, never a 5xx', async () => {
    const { cookie } = await t.signedInUser('alice');
    for (const query of ['', '?ids=%00', `?ids=${'x'.repeat(5000)}`, '?ids=a&ids=b', '?ids=a&extra=1', `?ids=${'%E2%80%8B,'.repeat(50)}`]) {
      const res = await t.request(`/api/usage/daily${query}`, { cookie });
      expect(res.status, query).toBeLessThan(500);
      if (res.status === 200) expect(dailyUsageListSchema.parse(await res.json())).toEqual({ data: {}, denied: {}, rejected: {} });
      else expect((await errorOf(res)).type).toBe('invalid_request_error');
    }
  });
});

describe('POST /api/api-keys/:id/narrow', () => {
  test('takes scopes away in place, records who did it, and can never add one', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie, { scopes: ['read:projects', 'write:deployments'] });
    const narrow = (remove: unknown, as = cookie) => t.request(`/api/api-keys/${apiKey.id}/narrow`, { method: 'POST', cookie: as, json: { remove } });

    const res = await narrow(['write:deployments']);
    expect(res.status).toBe(200);
    const narrowed = apiKeySchema.parse(await res.json());
    expect(narrowed.scopes).toEqual(['read:projects', 'read:deployments']);
    expect(narrowed.hint).toBe(apiKey.hint);
    expect(narrowed.expiresAt).toBe(apiKey.expiresAt);
    // The same secret goes on working, with the narrower scopes.
    const me = await t.request('/api/auth/me', { bearer: secret });
    expect(await me.json()).toMatchObject({ auth: { scopes: ['read:projects', 'read:deployments'] } });

    // Not held, the last scope, unknown fields, a scope to add: refused, nothing changed.
    expect((await narrow(['write:security'])).status).toBe(422);
    expect((await narrow(['read:projects', 'read:deployments'])).status).toBe(422);
    expect((await t.request(`/api/api-keys/${apiKey.id}/narrow`, { method: 'POST', cookie, json: { remove: ['read:projects'], add: ['write:security'] } })).status).toBe(400);
    expect((await narrow([])).status).toBe(400);
    expect((await narrow('read:projects')).status).toBe(400);
    expect((await narrow(['\u0000'.repeat(64)])).status).toBe(422);
    const after = apiKeySchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}`, { cookie })).json());
    expect(after.scopes).toEqual(['read:projects', 'read:deployments']);

    const events = apiKeyEventListSchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}/events`, { cookie })).json()).data;
    const entry = events.find((event) => event.type === 'scopes_narrowed');
    expect(entry).toMatchObject({ actor: { username: 'alice' }, scopesRemoved: ['write:deployments'] });
  });

  test('another member gets 404; an admin may narrow anyone’s; a revoked token cannot be narrowed', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { cookie: bob } = await t.signedInUser('bob');
    const { cookie: admin } = await t.signedInUser('root', 'admin');
    const { apiKey } = await t.createToken(cookie, { scopes: ['read:projects', 'read:security'] });
    const narrow = (as: string) => t.request(`/api/api-keys/${apiKey.id}/narrow`, { method: 'POST', cookie: as, json: { remove: ['read:security'] } });
    expect((await narrow(bob)).status).toBe(404);
    expect((await narrow(admin)).status).toBe(200);
    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie })).status).toBe(204);
    const revoked = await t.request(`/api/api-keys/${apiKey.id}/narrow`, { method: 'POST', cookie, json: { remove: ['read:projects'] } });
    expect(revoked.status).toBe(409);
  });

  test('a service account’s managers may see and narrow its tokens, as they may revoke them; other members may not', async () => {
    const { user: mia, cookie: miaCookie } = await t.signedInUser('mia');
    const { cookie: bob } = await t.signedInUser('bob');
    const { cookie: admin } = await t.signedInUser('root', 'admin');
    const created = await t.request('/api/service-accounts', { method: 'POST', cookie: admin, json: { name: 'release-bot', managerIds: [mia.id] } });
    expect(created.status).toBe(201);
    const { id: botId } = (await created.json()) as { id: string };
    const { apiKey } = await t.createToken(miaCookie, { ownerId: botId, scopes: ['read:projects', 'read:security'] });

    const daily = async (as: string) => dailyUsageListSchema.parse(await (await t.request(`/api/usage/daily?ids=${apiKey.id}`, { cookie: as })).json()).data;
    expect(Object.keys(await daily(miaCookie))).toEqual([apiKey.id]);
    expect(await daily(bob)).toEqual({});
    const usageFor = async (as: string) => {
      const res = await t.request(`/api/api-keys/${apiKey.id}/usage`, { cookie: as });
      expect(res.status).toBe(200);
      return tokenUsageSchema.parse(await res.json());
    };
    // The page offers "Remove" from this answer: the manager and an admin may narrow, as the narrow call agrees.
    expect((await usageFor(miaCookie)).mayNarrow).toBe(true);
    expect((await usageFor(admin)).mayNarrow).toBe(true);

    const narrow = (as: string) => t.request(`/api/api-keys/${apiKey.id}/narrow`, { method: 'POST', cookie: as, json: { remove: ['read:security'] } });
    expect((await narrow(bob)).status).toBe(404);
    const narrowed = await narrow(miaCookie);
    expect(narrowed.status).toBe(200);
    expect(apiKeySchema.parse(await narrowed.json()).scopes).toEqual(['read:projects']);

    // Revoked: nobody may narrow it any more, and the answer says so.
    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie: miaCookie })).status).toBe(204);
    expect((await usageFor(miaCookie)).mayNarrow).toBe(false);
  });
});
