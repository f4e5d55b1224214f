import { describe, expect, test } from 'vitest';
import { adminApiKeyListSchema } from '../../src/contract/admin';
import { apiKeyEventListSchema } from '../../src/contract/lifecycle';
import { memberListSchema } from '../../src/contract/members';
import {
  serviceAccountListSchema,
  serviceAccountMessages,
  serviceAccountSchema,
  type ServiceAccount,
} from '../../src/contract/service-accounts';
import { serviceAccountDeactivationPreviewSchema } from '../../src/contract/service-account-deactivation';
import { apiKeyListSchema, apiKeySchema, createApiKeyResponseSchema } from '../../src/contract/tokens';
import { meResponseSchema } from '../../src/contract/users';
import type { ObservedDatabase } from '../db/database';
import { createCredentialCache, databaseCredentialLookup } from '../tokens/credentials';
import { digestSecret } from '../tokens/secrets';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp();

async function createServiceAccount(cookie: string, json: unknown): Promise<ServiceAccount> {
  const res = await t.request('/api/service-accounts', { method: 'POST', cookie, json });
  expect(res.status, await res.clone().text()).toBe(201);
  return serviceAccountSchema.parse(await res.json());
}

const tokenBody = (ownerId: string, name = 'deploy-prod') => ({ name, environment: 'production', scopes: ['read:deployments'], expiresInDays: 30, ownerId });

async function createTokenFor(cookie: string, ownerId: string, name?: string) {
  const res = await t.request('/api/api-keys', { method: 'POST', cookie, json: tokenBody(ownerId, name) });
  expect(res.status, await res.clone().text()).toBe(201);
  return createApiKeyResponseSchema.parse(await res.json());
}

/** An admin, a manager of the "ci" service account, and a member who manages nothing. */
async function workspace() {
  const admin = await t.signedInUser('root', 'admin');
  const manager = await t.signedInUser('mia');
  const member = await t.signedInUser('otto');
  const account = await createServiceAccount(admin.cookie, { name: 'ci', description: 'GitHub Actions', managerIds: [manager.user.id] });
  return { admin, manager, member, account };
}

describe('creating and reading service accounts', () => {
  test('an admin creates one with a manager: it is listed with its creator, never signs in and is no member', async () => {
    const { admin, manager, account } = await workspace();
    expect(account).toMatchObject({
      name: 'ci',
      description: 'GitHub Actions',
      managers: [{ id: manager.user.id, username: 'mia', active: true }],
      permissions: [],
      createdBy: { id: admin.user.id, username: 'root' },
      liveTokens: 0,
    });
    const listed = serviceAccountListSchema.parse(await (await t.request('/api/service-accounts', { cookie: admin.cookie })).json());
    expect(listed.data.map((a) => a.id)).toEqual([account.id]);

    // No password, so no sign-in, whatever is tried; and nothing on the people pages touches it.
    const signIn = await t.request('/api/session', { method: 'POST', json: { username: 'ci', password: 'anything-at-all' } });
    expect(signIn.status).toBe(401);
    const members = memberListSchema.parse(await (await t.request('/api/users', { cookie: admin.cookie })).json());
    expect(members.members.map((m) => m.username)).toEqual(['mia', 'otto', 'root']);
    expect((await t.request(`/api/users/${account.id}`, { cookie: admin.cookie })).status).toBe(404);
    expect((await t.request(`/api/users/${account.id}/offboarding`, { cookie: admin.cookie })).status).toBe(404);
    expect((await t.request(`/api/users/${account.id}/invite`, { method: 'POST', cookie: admin.cookie })).status).toBe(404);
    const patched = await t.request(`/api/users/${account.id}`, { method: 'PATCH', cookie: admin.cookie, json: { role: 'admin' } });
    expect(patched.status).toBe(404);
    const [row] = await t.db.query<{ role: string; password_hash: string | null }>('SELECT role, password_hash FROM users WHERE id = $1', [account.id]);
    expect(row).toEqual({ role: 'member', password_hash: null });
  });

  test('admins see every service account, managers theirs, a member who manages none an empty list', async () => {
    const { admin, manager, member, account } = await workspace();
    const other = await createServiceAccount(admin.cookie, { name: 'backup' });
    const listOf = async (cookie: string) =>
      serviceAccountListSchema.parse(await (await t.request('/api/service-accounts', { cookie })).json()).data.map((a) => a.name);
    expect(await listOf(admin.cookie)).toEqual(['backup', 'ci']);
    expect(await listOf(manager.cookie)).toEqual(['ci']);
    expect(await listOf(member.cookie)).toEqual([]);

    expect((await t.request(`/api/service-accounts/${account.id}`, { cookie: manager.cookie })).status).toBe(200);
    // What isn't theirs is 404, not 403: nothing to learn by probing.
    expect(await errorOf(await t.request(`/api/service-accounts/${other.id}`, { cookie: manager.cookie }))).toMatchObject({ type: 'not_found_error' });
    expect((await t.request(`/api/service-accounts/${account.id}`, { cookie: member.cookie })).status).toBe(404);
    expect((await t.request(`/api/service-accounts/${manager.user.id}`, { cookie: admin.cookie })).status).toBe(404);
  });

  test('only admins create and change them; a token cannot', async () => {
    const { admin, manager, account } = await workspace();
    const created = await t.request('/api/service-accounts', { method: 'POST', cookie: manager.cookie, json: { name: 'mine' } });
    expect(await errorOf(created)).toMatchObject({ type: 'permission_error' });
    const patched = await t.request(`/api/service-accounts/${account.id}`, { method: 'PATCH', cookie: manager.cookie, json: { managerIds: [] } });
    expect(patched.status).toBe(403);
    const { secret } = await t.createToken(admin.cookie);
    expect((await t.request('/api/service-accounts', { bearer: secret })).status).toBe(403);
    const [row] = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM service_accounts');
    expect(row?.count).toBe(1);
  });

  test('an admin changes name, description, managers and permissions', async () => {
    const { admin, manager, member, account } = await workspace();
    const res = await t.request(`/api/service-accounts/${account.id}`, {
      method: 'PATCH',
      cookie: admin.cookie,
      json: { name: 'ci-bot', description: '', managerIds: [member.user.id, manager.user.id], permissions: ['introspect'] },
    });
    expect(res.status).toBe(200);
    expect(serviceAccountSchema.parse(await res.json())).toMatchObject({
      name: 'ci-bot',
      description: null,
      managers: [{ username: 'mia' }, { username: 'otto' }],
      permissions: ['introspect'],
    });
  });

  test('bad input is refused with a clear error and changes nothing', async () => {
    const { admin, manager, account } = await workspace();
    const post = (json: unknown) => t.request('/api/service-accounts', { method: 'POST', cookie: admin.cookie, json });
    const patch = (json: unknown) => t.request(`/api/service-accounts/${account.id}`, { method: 'PATCH', cookie: admin.cookie, json });

    expect(await errorOf(await post({ name: 'MIA' }))).toMatchObject({ type: 'invalid_request_error', fields: { name: expect.stringContaining('already') } });
    expect((await post({ name: 'has space' })).status).toBe(400);
    expect((await post({ name: 'x'.repeat(5_000) })).status).toBe(400);
    expect((await post({ name: 42 })).status).toBe(400);
    expect((await post({ name: 'ok', description: 'a\u0000b' })).status).toBe(400);
    expect((await post({ name: 'ok', permissions: ['admin'] })).status).toBe(400);
    expect((await post({ name: 'ok', extra: true })).status).toBe(400);
    // Managers are people who can sign in: not a service account, not someone deactivated, not a made-up id.
    expect(await errorOf(await post({ name: 'ok', managerIds: [account.id] }))).toMatchObject({ fields: { managerIds: expect.any(String) } });
    expect((await post({ name: 'ok', managerIds: ['nobody'] })).status).toBe(422);
    expect((await post({ name: 'ok', managerIds: ['nobody\u0000'] })).status).toBe(400);
    await t.request(`/api/users/${manager.user.id}`, { method: 'PATCH', cookie: admin.cookie, json: { status: 'deactivated' } });
    expect((await patch({ managerIds: [manager.user.id] })).status).toBe(422);
    expect((await patch({})).status).toBe(422);
    expect((await t.request('/api/service-accounts/%00', { method: 'PATCH', cookie: admin.cookie, json: { name: 'x' } })).status).toBe(400);

    const names = await t.db.query<{ username: string }>("SELECT username FROM users WHERE kind = 'service_account'");
    expect(names).toEqual([{ username: 'ci' }]);
  });
});

describe('a service account’s tokens', () => {
  test('a manager creates, lists, rotates and revokes them; the timeline names who did it', async () => {
    const { manager, account } = await workspace();
    const { apiKey, secret } = await createTokenFor(manager.cookie, account.id);
    expect(apiKey.owner).toEqual({ id: account.id, username: 'ci', kind: 'service_account' });

    const me = meResponseSchema.parse(await (await t.request('/api/auth/me', { bearer: secret })).json());
    expect(me.user).toEqual({ id: account.id, username: 'ci', role: 'member' });

    const listed = apiKeyListSchema.parse(await (await t.request(`/api/api-keys?owner=${account.id}`, { cookie: manager.cookie })).json());
    expect(listed.data.map((k) => k.id)).toEqual([apiKey.id]);
    // Their own list stays their own.
    const own = apiKeyListSchema.parse(await (await t.request('/api/api-keys', { cookie: manager.cookie })).json());
    expect(own.data).toEqual([]);

    const rotated = await t.request(`/api/api-keys/${apiKey.id}/rotate`, { method: 'POST', cookie: manager.cookie, json: { gracePeriod: 'none' } });
    expect(rotated.status).toBe(201);
    const fresh = createApiKeyResponseSchema.parse(await rotated.json());
    expect((await t.request('/api/auth/me', { bearer: fresh.secret })).status).toBe(200);
    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie: manager.cookie })).status).toBe(204);
    expect((await t.request('/api/auth/me', { bearer: fresh.secret })).status).toBe(401);

    const events = apiKeyEventListSchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}/events`, { cookie: manager.cookie })).json());
    const actors = Object.fromEntries(events.data.map((e) => [e.type, 'actor' in e && e.actor ? e.actor.username : null]));
    expect(actors).toMatchObject({ created: 'mia', rotated: 'mia', revoked: 'mia' });
  });

  test('the same policy as personal tokens', async () => {
    const { manager, account } = await workspace();
    t.policyOverrides = { maxActiveTokensPerUser: 1 };
    await createTokenFor(manager.cookie, account.id, 'one');
    const res = await t.request('/api/api-keys', { method: 'POST', cookie: manager.cookie, json: { ...tokenBody(account.id, 'two') } });
    expect(res.status).toBe(422);
    const tooLong = await t.request('/api/api-keys', { method: 'POST', cookie: manager.cookie, json: { ...tokenBody(account.id, 'three'), expiresInDays: 10_000 } });
    expect(await errorOf(tooLong)).toMatchObject({ fields: { expiresInDays: expect.any(String) } });
  });

  test('BOLA: a manager only their service accounts’, a member nothing, and 404 for what isn’t theirs', async () => {
    const { admin, manager, member, account } = await workspace();
    const other = await createServiceAccount(admin.cookie, { name: 'backup' });
    const { apiKey } = await createTokenFor(admin.cookie, other.id);
    const mine = await createTokenFor(manager.cookie, account.id);
    const personal = await t.createToken(member.cookie, { name: 'otto-laptop' });

    // The manager, on the other service account and on a person.
    for (const owner of [other.id, member.user.id, admin.user.id]) {
      expect((await t.request(`/api/api-keys?owner=${owner}`, { cookie: manager.cookie })).status).toBe(404);
      expect((await t.request('/api/api-keys', { method: 'POST', cookie: manager.cookie, json: tokenBody(owner) })).status).toBe(404);
    }
    for (const id of [apiKey.id, personal.apiKey.id]) {
      expect((await t.request(`/api/api-keys/${id}`, { cookie: manager.cookie })).status).toBe(404);
      expect((await t.request(`/api/api-keys/${id}/events`, { cookie: manager.cookie })).status).toBe(404);
      expect((await t.request(`/api/api-keys/${id}/rotate`, { method: 'POST', cookie: manager.cookie, json: { gracePeriod: 'none' } })).status).toBe(404);
      expect((await t.request(`/api/api-keys/${id}/rotate/cut-off`, { method: 'POST', cookie: manager.cookie })).status).toBe(404);
      expect((await t.request(`/api/api-keys/${id}`, { method: 'DELETE', cookie: manager.cookie })).status).toBe(404);
    }
    // A member who manages nothing.
    expect((await t.request(`/api/api-keys?owner=${account.id}`, { cookie: member.cookie })).status).toBe(404);
    expect((await t.request(`/api/api-keys/${mine.apiKey.id}`, { method: 'DELETE', cookie: member.cookie })).status).toBe(404);
    expect((await t.request(`/api/api-keys/${mine.apiKey.id}/rotate`, { method: 'POST', cookie: member.cookie, json: { gracePeriod: 'none' } })).status).toBe(404);
    // An admin manages every service account's tokens, but never mints a secret for a person.
    expect((await t.request(`/api/api-keys/${mine.apiKey.id}/rotate`, { method: 'POST', cookie: admin.cookie, json: { gracePeriod: 'none' } })).status).toBe(201);
    expect((await t.request('/api/api-keys', { method: 'POST', cookie: admin.cookie, json: tokenBody(member.user.id) })).status).toBe(404);
    expect((await t.request(`/api/api-keys?owner=${member.user.id}`, { cookie: admin.cookie })).status).toBe(404);
    expect((await t.request(`/api/api-keys/${personal.apiKey.id}/rotate`, { method: 'POST', cookie: admin.cookie, json: { gracePeriod: 'none' } })).status).toBe(404);
    // Junk owner ids are input errors or unknown, never a 5xx.
    for (const owner of ['%00', 'x'.repeat(65), '']) {
      const res = await t.request(`/api/api-keys?owner=${owner}`, { cookie: manager.cookie });
      expect(res.status === 400 || res.status === 404).toBe(true);
    }
    const [row] = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM api_keys WHERE revoked_at IS NULL');
    expect(row?.count).toBe(3);
  });

  test('they survive the deactivation of the manager who made them and of the admin who created the account', async () => {
    const { admin, manager, account } = await workspace();
    const second = await t.signedInUser('ada', 'admin');
    const { apiKey, secret } = await createTokenFor(manager.cookie, account.id);
    expect((await t.request(`/api/users/${manager.user.id}`, { method: 'PATCH', cookie: admin.cookie, json: { status: 'deactivated' } })).status).toBe(200);
    expect((await t.request(`/api/users/${admin.user.id}`, { method: 'PATCH', cookie: second.cookie, json: { status: 'deactivated' } })).status).toBe(200);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
    const token = apiKeySchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}`, { cookie: second.cookie })).json());
    expect(token.status).toBe('active');
    // The deactivated manager is still named, marked inactive, until an admin changes the managers.
    const account2 = serviceAccountSchema.parse(await (await t.request(`/api/service-accounts/${account.id}`, { cookie: second.cookie })).json());
    expect(account2.managers).toEqual([{ id: manager.user.id, username: 'mia', active: false }]);
    expect(account2.createdBy).toEqual({ id: admin.user.id, username: 'root' });
    expect(account2.liveTokens).toBe(1);
  });

  test('the admin review shows and filters the owner type', async () => {
    const { admin, manager, account } = await workspace();
    await createTokenFor(manager.cookie, account.id, 'pipeline');
    await t.createToken(manager.cookie, { name: 'laptop' });
    const review = async (query: string) =>
      adminApiKeyListSchema.parse(await (await t.request(`/api/admin/api-keys${query}`, { cookie: admin.cookie })).json()).data.map((k) => [k.name, k.owner.kind]);
    expect((await review('')).sort()).toEqual([['laptop', 'person'], ['pipeline', 'service_account']]);
    expect(await review('?ownerKind=service_account')).toEqual([['pipeline', 'service_account']]);
    expect(await review('?ownerKind=person')).toEqual([['laptop', 'person']]);
    expect((await t.request('/api/admin/api-keys?ownerKind=robot', { cookie: admin.cookie })).status).toBe(400);
    const summary = await (await t.request('/api/admin/api-keys/summary?ownerKind=service_account', { cookie: admin.cookie })).json();
    expect(summary).toMatchObject({ total: 1, owners: 1 });
  });
});

describe('deactivating a service account', () => {
  const deactivate = (cookie: string, id: string, status: 'active' | 'deactivated' = 'deactivated') =>
    t.request(`/api/service-accounts/${id}`, { method: 'PATCH', cookie, json: { status } });
  const listOf = async (cookie: string, query = '') =>
    serviceAccountListSchema.parse(await (await t.request(`/api/service-accounts${query}`, { cookie })).json()).data.map((a) => a.name);

  test('the preview lists its live tokens, most recently used first, as the offboarding preview does', async () => {
    const { admin, manager, account } = await workspace();
    const used = await createTokenFor(manager.cookie, account.id, 'deploy-prod');
    await createTokenFor(manager.cookie, account.id, 'nightly');
    const revoked = await createTokenFor(manager.cookie, account.id, 'old');
    await t.request(`/api/api-keys/${revoked.apiKey.id}`, { method: 'DELETE', cookie: manager.cookie });
    expect((await t.request('/api/auth/me', { bearer: used.secret })).status).toBe(200);

    const res = await t.request(`/api/service-accounts/${account.id}/deactivation`, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    const preview = serviceAccountDeactivationPreviewSchema.parse(await res.json());
    expect(preview.serviceAccount.id).toBe(account.id);
    expect(preview.tokens.map((token) => token.name)).toEqual(['deploy-prod', 'nightly']);
    expect(preview.recentlyUsed).toBe(1);
  });

  test('revokes its live tokens at once, each as revoked by the admin because its owner was deactivated; it leaves the default list', async () => {
    const { admin, manager, account } = await workspace();
    const { apiKey, secret } = await createTokenFor(manager.cookie, account.id);
    const res = await deactivate(admin.cookie, account.id);
    expect(res.status, await res.clone().text()).toBe(200);
    const after = serviceAccountSchema.parse(await res.json());
    expect(after).toMatchObject({ status: 'deactivated', liveTokens: 0, deactivated: { at: t.clock.now().toISOString(), by: { id: admin.user.id, username: 'root' } } });

    // The very next request with its token is refused.
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(401);
    const token = apiKeySchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}`, { cookie: admin.cookie })).json());
    expect(token).toMatchObject({ status: 'revoked', revokedBy: { username: 'root' }, revokedReason: 'owner_deactivated' });
    const events = apiKeyEventListSchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}/events`, { cookie: admin.cookie })).json()).data;
    expect(events.find((e) => e.type === 'revoked')).toMatchObject({ actor: { username: 'root' }, reason: 'owner_deactivated' });

    // Nothing disappears: off the default list, on the deactivated one, its page and its tokens still there.
    expect(await listOf(admin.cookie)).toEqual([]);
    expect(await listOf(admin.cookie, '?status=deactivated')).toEqual(['ci']);
    expect(await listOf(manager.cookie, '?status=deactivated')).toEqual(['ci']);
    expect((await t.request(`/api/service-accounts/${account.id}`, { cookie: manager.cookie })).status).toBe(200);
    const tokens = apiKeyListSchema.parse(await (await t.request(`/api/api-keys?owner=${account.id}&status=revoked`, { cookie: manager.cookie })).json());
    expect(tokens.data.map((k) => k.id)).toEqual([apiKey.id]);
    // No new tokens while deactivated.
    const create = await t.request('/api/api-keys', { method: 'POST', cookie: manager.cookie, json: tokenBody(account.id, 'sneaky') });
    expect(create.status).toBe(409);
    expect((await errorOf(create)).message).toBe(serviceAccountMessages.deactivated('This service account'));
    // Deactivating again changes nothing.
    expect(serviceAccountSchema.parse(await (await deactivate(admin.cookie, account.id)).json()).deactivated?.at).toBe(after.deactivated?.at);
  });

  test('reactivating brings back the account, not its tokens', async () => {
    const { admin, manager, account } = await workspace();
    const { apiKey, secret } = await createTokenFor(manager.cookie, account.id);
    await deactivate(admin.cookie, account.id);
    t.clock.advance(60_000);
    const res = await deactivate(admin.cookie, account.id, 'active');
    expect(serviceAccountSchema.parse(await res.json())).toMatchObject({ status: 'active', deactivated: null, liveTokens: 0 });
    expect(await listOf(admin.cookie)).toEqual(['ci']);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(401);
    expect(apiKeySchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}`, { cookie: admin.cookie })).json()).status).toBe('revoked');
    // New tokens work again.
    const fresh = await createTokenFor(manager.cookie, account.id, 'deploy-prod');
    expect((await t.request('/api/auth/me', { bearer: fresh.secret })).status).toBe(200);
  });

  test('BOLA: a manager who is not an admin cannot preview or deactivate it, a member neither, a token never', async () => {
    const { admin, manager, member, account } = await workspace();
    const { secret } = await createTokenFor(manager.cookie, account.id);
    const personal = await t.createToken(admin.cookie, { scopes: ['read:projects'] });
    for (const cookie of [manager.cookie, member.cookie]) {
      const res = await deactivate(cookie, account.id);
      expect(res.status).toBe(403);
      expect((await errorOf(res)).type).toBe('permission_error');
      expect((await t.request(`/api/service-accounts/${account.id}/deactivation`, { cookie })).status).toBe(403);
    }
    // An admin's token is no session: refused too.
    expect((await t.request(`/api/service-accounts/${account.id}`, { method: 'PATCH', bearer: personal.secret, json: { status: 'deactivated' } })).status).toBe(403);
    // A member does not even see it.
    expect(await listOf(member.cookie, '?status=deactivated')).toEqual([]);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
    const [row] = await t.db.query<{ status: string }>('SELECT status FROM users WHERE id = $1', [account.id]);
    expect(row!.status).toBe('active');
  });

  test('people are not service accounts here, unknown ids are 404, and bad input is a 400/422 that changes nothing', async () => {
    const { admin, manager, account } = await workspace();
    expect((await deactivate(admin.cookie, manager.user.id)).status).toBe(404);
    expect((await t.request(`/api/service-accounts/${manager.user.id}/deactivation`, { cookie: admin.cookie })).status).toBe(404);
    expect((await deactivate(admin.cookie, 'no-such-id')).status).toBe(404);
    for (const status of ['invited', 'gone', '', 7, null, 'deactivated\u0000']) {
      const res = await t.request(`/api/service-accounts/${account.id}`, { method: 'PATCH', cookie: admin.cookie, json: { status } });
      expect([400, 422]).toContain(res.status);
    }
    for (const query of ['?status=invited', '?status=', '?extra=1', `?status=${'x'.repeat(10_000)}`]) {
      expect((await t.request(`/api/service-accounts${query}`, { cookie: admin.cookie })).status).toBe(400);
    }
    const [row] = await t.db.query<{ status: string }>('SELECT status FROM users WHERE id = $1', [account.id]);
    expect(row!.status).toBe('active');
  });
});

describe('permissions', () => {
  test('the credential lookup hands the owner’s kind and permissions to whoever checks, also from the cache after a change', async () => {
    const { admin, manager, account } = await workspace();
    const { secret } = await createTokenFor(manager.cookie, account.id);
    const personal = await t.createToken(manager.cookie, { name: 'laptop' });
    // The cache where the app has one (PGlite, its database alone); on a Postgres server, the lookup every instance makes.
    const cache = t.config.exclusiveDatabase ? createCredentialCache(t.db as ObservedDatabase) : databaseCredentialLookup(t.db);
    const ownerOf = async (s: string) => (await cache.find(digestSecret(s, t.config.hmacSecret), t.clock.now()))?.user;
    expect(await ownerOf(secret)).toMatchObject({ id: account.id, kind: 'service_account', permissions: [] });
    expect(await ownerOf(personal.secret)).toMatchObject({ kind: 'person', permissions: [] });

    const res = await t.request(`/api/service-accounts/${account.id}`, { method: 'PATCH', cookie: admin.cookie, json: { permissions: ['introspect'] } });
    expect(res.status).toBe(200);
    expect(await ownerOf(secret)).toMatchObject({ kind: 'service_account', permissions: ['introspect'] });
  });
});
