import { describe, expect, test } from 'vitest';
import { adminApiKeyListSchema, adminApiKeySummarySchema, bulkNarrowMessages, bulkNarrowResponseSchema, type AdminApiKey } from '../../src/contract/admin';
import { apiKeyEventListSchema } from '../../src/contract/lifecycle';
import { apiKeySchema } from '../../src/contract/tokens';
import { narrowScopesMessages } from '../../src/contract/usage';
import { errorOf, testStart, useTestApp } from '../testing/test-app';

const t = useTestApp();
const day = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(testStart.getTime() + days * day);

/**
 * Seen from day 31, tokens of alice's:
 *  - wide: read:projects, read:deployments, write:deployments; read:projects and read:deployments used → write:deployments unused
 *  - implied: read:projects, write:deployments (read:deployments narrowed away); read:deployments used → counts for write:deployments
 *  - fresh: made day 25, never used → held under 30 days, nothing to suggest yet
 *  - single: read:security, never used → over-scoped, but it is its last scope
 *  - dead: revoked
 */
async function seed() {
  t.clock.set(at(0));
  const { cookie: admin } = await t.signedInUser('root', 'admin');
  const { cookie: alice } = await t.signedInUser('alice');
  const { secret: gateway } = await t.createServiceAccountToken(admin, { name: 'gateway', permissions: ['introspect'] });
  const introspect = async (token: string, required_scope: string) => {
    const res = await t.app.request('/api/oauth/introspect', {
      method: 'POST',
      headers: { Authorization: `Bearer ${gateway}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, required_scope }).toString(),
    });
    expect(res.status).toBe(200);
  };
  const wide = await t.createToken(alice, { name: 'wide', scopes: ['read:projects', 'write:deployments'], expiresInDays: 90 });
  const implied = await t.createToken(alice, { name: 'implied', scopes: ['read:projects', 'write:deployments'], expiresInDays: 90 });
  const narrowed = await t.request(`/api/api-keys/${implied.apiKey.id}/narrow`, { method: 'POST', cookie: alice, json: { remove: ['read:deployments'] } });
  expect(apiKeySchema.parse(await narrowed.json()).scopes).toEqual(['read:projects', 'write:deployments']);
  const single = await t.createToken(alice, { name: 'single', scopes: ['read:security'], expiresInDays: 90 });
  const dead = await t.createToken(alice, { name: 'dead', scopes: ['read:projects', 'read:security'], expiresInDays: 90 });
  expect((await t.request(`/api/api-keys/${dead.apiKey.id}`, { method: 'DELETE', cookie: alice })).status).toBe(204);
  await introspect(wide.secret, 'read:projects');
  await introspect(wide.secret, 'read:deployments');
  await introspect(implied.secret, 'read:projects read:deployments');
  t.clock.set(at(25));
  // Sessions end meanwhile: sign in again.
  const fresh = await t.createToken(await t.signIn('alice'), { name: 'fresh', scopes: ['read:projects', 'read:security'], expiresInDays: 30 });
  t.clock.set(at(31));
  return { admin: await t.signIn('root'), alice: await t.signIn('alice'), tokens: { wide, implied, fresh, single, dead } };
}

async function rows(cookie: string, query = ''): Promise<Map<string, AdminApiKey>> {
  const res = await t.request(`/api/admin/api-keys${query}`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return new Map(adminApiKeyListSchema.parse(await res.json()).data.map((row) => [row.name, row]));
}

describe('scope use in the admin review', () => {
  test('each row says which of its scopes were used and which narrowing would remove; the over-scoped filter finds the rest', async () => {
    const { admin, tokens } = await seed();
    const all = await rows(admin, '?status=all');
    expect(all.get('wide')).toMatchObject({
      usedScopes: ['read:projects', 'read:deployments'],
      unusedScopes: [{ scope: 'write:deployments', neverUsed: true }],
    });
    // A use of read:deployments counts for the write:deployments that granted it.
    expect(all.get('implied')).toMatchObject({ usedScopes: ['read:projects', 'write:deployments'], unusedScopes: [] });
    expect(all.get('fresh')).toMatchObject({ usedScopes: [], unusedScopes: [] });
    expect(all.get('single')).toMatchObject({ usedScopes: [], unusedScopes: [{ scope: 'read:security', neverUsed: true }] });
    expect(all.get('dead')).toMatchObject({ usedScopes: [], unusedScopes: [] });

    const overScoped = await rows(admin, '?overScoped=true');
    expect([...overScoped.keys()].sort()).toEqual(['single', 'wide']);
    const summary = adminApiKeySummarySchema.parse(await (await t.request('/api/admin/api-keys/summary?overScoped=true', { cookie: admin })).json());
    expect(summary.total).toBe(2);
    // With another filter: AND.
    expect([...(await rows(admin, '?overScoped=true&q=wid')).keys()]).toEqual(['wide']);

    // Once write:deployments is used, the wide token uses all it holds.
    const { secret: gateway } = await t.createServiceAccountToken(admin, { name: 'gateway-2', permissions: ['introspect'] });
    const res = await t.app.request('/api/oauth/introspect', {
      method: 'POST',
      headers: { Authorization: `Bearer ${gateway}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: tokens.wide.secret, required_scope: 'write:deployments' }),
    });
    expect(res.status).toBe(200);
    expect([...(await rows(admin, '?overScoped=true')).keys()]).toEqual(['single']);
    expect((await rows(admin)).get('wide')).toMatchObject({ usedScopes: ['read:projects', 'read:deployments', 'write:deployments'], unusedScopes: [] });
  });
});

describe('POST /api/admin/api-keys/narrow', () => {
  test('removes each token’s unused scopes in place, skips and reports the rest, and records the admin on the timeline', async () => {
    const { admin, alice, tokens } = await seed();
    const before = await rows(admin, '?status=all');
    const res = await t.request('/api/admin/api-keys/narrow', {
      method: 'POST',
      cookie: admin,
      json: { ids: [tokens.wide.apiKey.id, tokens.implied.apiKey.id, tokens.fresh.apiKey.id, tokens.single.apiKey.id, tokens.dead.apiKey.id, 'nope', tokens.wide.apiKey.id] },
    });
    expect(res.status).toBe(200);
    const result = bulkNarrowResponseSchema.parse(await res.json());
    expect(result.narrowed).toEqual([{ id: tokens.wide.apiKey.id, name: 'wide', removed: ['write:deployments'] }]);
    expect(result.skipped).toEqual([
      { id: tokens.implied.apiKey.id, name: 'implied', reason: bulkNarrowMessages.nothingUnused },
      { id: tokens.fresh.apiKey.id, name: 'fresh', reason: bulkNarrowMessages.nothingUnused },
      { id: tokens.single.apiKey.id, name: 'single', reason: narrowScopesMessages.lastScope },
      { id: tokens.dead.apiKey.id, name: 'dead', reason: narrowScopesMessages.notActive },
      { id: 'nope', name: null, reason: bulkNarrowMessages.notFound },
    ]);

    // Never wider: every token holds a subset of what it held; only wide changed.
    const after = await rows(admin, '?status=all');
    for (const [name, row] of after) {
      expect(before.get(name)?.scopes, name).toEqual(expect.arrayContaining(row.scopes));
      if (name !== 'wide') expect(row.scopes, name).toEqual(before.get(name)?.scopes);
    }
    expect(after.get('wide')?.scopes).toEqual(['read:projects', 'read:deployments']);
    // Same secret, narrower scopes.
    const me = await t.request('/api/auth/me', { bearer: tokens.wide.secret });
    expect(await me.json()).toMatchObject({ auth: { scopes: ['read:projects', 'read:deployments'] } });

    const events = apiKeyEventListSchema.parse(await (await t.request(`/api/api-keys/${tokens.wide.apiKey.id}/events`, { cookie: alice })).json()).data;
    expect(events.filter((event) => event.type === 'scopes_narrowed')).toMatchObject([{ actor: { username: 'root' }, scopesRemoved: ['write:deployments'] }]);
    expect(t.logs.some(([message]) => message === 'Bulk narrow')).toBe(true);

    // Again: nothing left to remove, nothing changes.
    const again = bulkNarrowResponseSchema.parse(
      await (await t.request('/api/admin/api-keys/narrow', { method: 'POST', cookie: admin, json: { ids: [tokens.wide.apiKey.id] } })).json(),
    );
    expect(again).toEqual({ narrowed: [], skipped: [{ id: tokens.wide.apiKey.id, name: 'wide', reason: bulkNarrowMessages.nothingUnused }] });
  });

  test('a member gets 403 and changes nothing, not even their own token; bad bodies are 400s', async () => {
    const { admin, alice, tokens } = await seed();
    for (const cookie of [alice]) {
      const res = await t.request('/api/admin/api-keys/narrow', { method: 'POST', cookie, json: { ids: [tokens.wide.apiKey.id] } });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).type).toBe('permission_error');
      expect((await t.request('/api/admin/api-keys?overScoped=true', { cookie })).status).toBe(403);
    }
    expect((await t.request('/api/admin/api-keys/narrow', { method: 'POST', bearer: tokens.wide.secret, json: { ids: [tokens.wide.apiKey.id] } })).status).toBe(403);
    expect((await rows(admin)).get('wide')?.scopes).toEqual(['read:projects', 'read:deployments', 'write:deployments']);

    for (const json of [{}, { ids: [] }, { ids: 'x' }, { ids: [1] }, { ids: [''] }, { ids: ['a'.repeat(65)] }, { ids: Array.from({ length: 201 }, (_, i) => `k${i}`) }, { ids: ['a'], remove: ['x'] }]) {
      const res = await t.request('/api/admin/api-keys/narrow', { method: 'POST', cookie: admin, json });
      expect(res.status, JSON.stringify(json).slice(0, 40)).toBe(400);
      expect((await errorOf(res)).type).toBe('invalid_request_error');
    }
    // A NUL byte is refused like any other malformed input, never a server error.
    const nul = await t.request('/api/admin/api-keys/narrow', { method: 'POST', cookie: admin, json: { ids: ['\u0000'] } });
    expect(nul.status).toBe(400);
    expect((await t.request('/api/admin/api-keys?overScoped=true&q=%00', { cookie: admin })).status).toBeLessThan(500);
    expect((await t.request('/api/admin/api-keys?overScoped=maybe', { cookie: admin })).status).toBe(400);
  });
});
