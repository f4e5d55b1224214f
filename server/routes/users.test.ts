import { describe, expect, test } from 'vitest';
import { apiKeyEventListSchema } from '../../src/contract/lifecycle';
import {
  inviteInfoSchema,
  inviteResponseSchema,
  memberDetailSchema,
  memberListSchema,
  offboardingPreviewSchema,
  type InviteResponse,
} from '../../src/contract/members';
import { apiKeySchema } from '../../src/contract/tokens';
import { signInResponseSchema } from '../../src/contract/users';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp();
const day = 24 * 60 * 60 * 1000;

async function addPerson(cookie: string, json: unknown): Promise<InviteResponse> {
  const res = await t.request('/api/users', { method: 'POST', cookie, json });
  expect(res.status, await res.clone().text()).toBe(201);
  return inviteResponseSchema.parse(await res.json());
}

const codeOf = (inviteUrl: string) => new URL(inviteUrl).pathname.split('/').at(-1) ?? '';

async function accept(code: string, password: string) {
  return t.request(`/api/invites/${code}/accept`, { method: 'POST', json: { password } });
}

const cookieOf = (res: Response) => (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';

async function deactivate(cookie: string, id: string) {
  return t.request(`/api/users/${id}`, { method: 'PATCH', cookie, json: { status: 'deactivated' } });
}

describe('adding a person with a one-time invite link', () => {
  test('the link is shown once, works once, signs the person in, and the list shows them active', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const added = await addPerson(admin.cookie, { username: 'dana', role: 'member' });
    expect(added.user).toMatchObject({ username: 'dana', role: 'member', status: 'invited', liveTokens: 0, lastSignInAt: null });
    expect(added.purpose).toBe('invite');
    expect(added.inviteUrl).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(added.expiresAt) - t.clock.now().getTime()).toBe(7 * day);
    // Only a digest is stored: the code itself is nowhere in the database.
    const code = codeOf(added.inviteUrl);
    const [stored] = await t.db.query<{ code_hash: Uint8Array }>('SELECT code_hash FROM user_invites');
    expect(Buffer.from(stored!.code_hash).toString('utf8')).not.toContain(code);
    expect(JSON.stringify(await t.db.query('SELECT * FROM user_invites'))).not.toContain(code);

    // An invited person cannot sign in yet, whatever they try.
    expect((await t.request('/api/session', { method: 'POST', json: { username: 'dana', password: 'anything-at-all' } })).status).toBe(401);

    const info = await t.request(`/api/invites/${code}`);
    expect(inviteInfoSchema.parse(await info.json())).toMatchObject({ username: 'dana', purpose: 'invite' });

    const accepted = await accept(code, 'a long enough passphrase');
    expect(accepted.status).toBe(200);
    expect(signInResponseSchema.parse(await accepted.json()).user.username).toBe('dana');
    const me = await t.request('/api/auth/me', { cookie: cookieOf(accepted) });
    expect(me.status).toBe(200);

    // Spent: a second use, and reading it, both fail alike.
    expect((await accept(code, 'another long passphrase')).status).toBe(404);
    expect((await t.request(`/api/invites/${code}`)).status).toBe(404);
    expect((await t.request('/api/session', { method: 'POST', json: { username: 'dana', password: 'a long enough passphrase' } })).status).toBe(200);

    const list = memberListSchema.parse(await (await t.request('/api/users', { cookie: admin.cookie })).json());
    expect(list.members.map((m) => [m.username, m.status])).toEqual([
      ['dana', 'active'],
      ['root', 'active'],
    ]);
    const detail = memberDetailSchema.parse(await (await t.request(`/api/users/${added.user.id}`, { cookie: admin.cookie })).json());
    expect(detail.events.map((e) => [e.type, e.actor?.username ?? null])).toEqual([
      ['joined', null],
      ['invited', 'root'],
      ['added', 'root'],
    ]);
  });

  test('a link expires after 7 days, and a new one replaces the old', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const first = await addPerson(admin.cookie, { username: 'erin', role: 'member' });
    const second = inviteResponseSchema.parse(await (await t.request(`/api/users/${first.user.id}/invite`, { method: 'POST', cookie: admin.cookie })).json());
    expect((await accept(codeOf(first.inviteUrl), 'a long enough passphrase')).status).toBe(404);
    t.clock.advance(7 * day);
    expect((await accept(codeOf(second.inviteUrl), 'a long enough passphrase')).status).toBe(404);
  });

  test('bad input changes nothing: taken or malformed usernames, weak passwords, malformed codes', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const taken = await t.request('/api/users', { method: 'POST', cookie: admin.cookie, json: { username: 'ROOT', role: 'member' } });
    expect(taken.status).toBe(422);
    expect((await errorOf(taken)).fields).toHaveProperty('username');
    for (const json of [{ username: 'has space', role: 'member' }, { username: 'x', role: 'owner' }, { username: 'x' }, { username: 'x', role: 'member', extra: 1 }]) {
      expect((await t.request('/api/users', { method: 'POST', cookie: admin.cookie, json })).status).toBe(400);
    }
    const added = await addPerson(admin.cookie, { username: 'fay', role: 'member' });
    const weak = await accept(codeOf(added.inviteUrl), 'short');
    expect(weak.status).toBe(400);
    expect((await errorOf(weak)).fields?.password).toMatch(/at least 12/);
    // The weak attempt did not spend the link.
    expect((await accept(codeOf(added.inviteUrl), 'a long enough passphrase')).status).toBe(200);
    for (const code of ['nope', 'x'.repeat(43), '%00', 'a'.repeat(500)]) {
      expect((await t.request(`/api/invites/${code}`)).status).toBe(404);
    }
  });

  test('guessing codes is limited per IP', async () => {
    for (let i = 0; i < 20; i++) expect((await t.request(`/api/invites/${'a'.repeat(43)}`)).status).toBe(404);
    const limited = await t.request(`/api/invites/${'b'.repeat(43)}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toMatch(/^\d+$/);
  });

  test('a password reset link ends every session and sets a new password', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const gus = await t.signedInUser('gus');
    const reset = inviteResponseSchema.parse(await (await t.request(`/api/users/${gus.user.id}/invite`, { method: 'POST', cookie: admin.cookie })).json());
    expect(reset.purpose).toBe('password_reset');
    expect((await accept(codeOf(reset.inviteUrl), 'a brand new passphrase')).status).toBe(200);
    expect((await t.request('/api/auth/me', { cookie: gus.cookie })).status).toBe(401);
    expect((await t.request('/api/session', { method: 'POST', json: { username: 'gus', password: 'gus-password' } })).status).toBe(401);
  });
});

describe('roles and deactivation', () => {
  test('the preview names the live tokens and their last use; deactivating revokes them and ends sessions at once', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const hal = await t.signedInUser('hal');
    const used = await t.createToken(hal.cookie, { name: 'deploy-prod' });
    const unused = await t.createToken(hal.cookie, { name: 'laptop', environment: 'development' });
    await t.request('/api/auth/me', { bearer: used.secret, headers: { 'User-Agent': 'GitHub-Actions' } });

    const preview = offboardingPreviewSchema.parse(await (await t.request(`/api/users/${hal.user.id}/offboarding`, { cookie: admin.cookie })).json());
    expect(preview.tokens.map((token) => token.name)).toEqual(['deploy-prod', 'laptop']);
    expect(preview.recentlyUsed).toBe(1);
    expect(preview.sessions).toBe(1);
    expect(preview.tokens[0]?.lastUsedAt).not.toBeNull();

    const res = await deactivate(admin.cookie, hal.user.id);
    expect(res.status).toBe(200);
    const detail = memberDetailSchema.parse(await res.json());
    expect(detail.user).toMatchObject({ status: 'deactivated', liveTokens: 0 });
    expect(detail.events[0]).toMatchObject({ type: 'deactivated', actor: { username: 'root' } });

    // The very next request of each kind is refused.
    expect((await t.request('/api/auth/me', { cookie: hal.cookie })).status).toBe(401);
    expect((await t.request('/api/auth/me', { bearer: used.secret })).status).toBe(401);
    expect((await t.request('/api/auth/me', { bearer: unused.secret })).status).toBe(401);
    const signIn = await t.request('/api/session', { method: 'POST', json: { username: 'hal', password: 'hal-password' } });
    expect(signIn.status).toBe(401);
    expect((await errorOf(signIn)).message).toMatch(/deactivated/);

    // Each token's timeline says who revoked it and why.
    const events = apiKeyEventListSchema.parse(await (await t.request(`/api/api-keys/${used.apiKey.id}/events`, { cookie: admin.cookie })).json()).data;
    expect(events.find((e) => e.type === 'revoked')).toMatchObject({ actor: { username: 'root' }, reason: 'owner_deactivated' });
    // Nothing disappears: the token stays, saying when and by whom.
    const revokedKey = apiKeySchema.parse(await (await t.request(`/api/api-keys/${used.apiKey.id}`, { cookie: admin.cookie })).json());
    expect(revokedKey).toMatchObject({ status: 'revoked', revokedBy: { id: admin.user.id, username: 'root' } });

    // Reactivating restores sign-in, not tokens.
    const back = await t.request(`/api/users/${hal.user.id}`, { method: 'PATCH', cookie: admin.cookie, json: { status: 'active' } });
    expect(back.status).toBe(200);
    expect(memberDetailSchema.parse(await back.json()).user).toMatchObject({ status: 'active', liveTokens: 0 });
    expect((await t.request('/api/session', { method: 'POST', json: { username: 'hal', password: 'hal-password' } })).status).toBe(200);
    expect((await t.request('/api/auth/me', { bearer: used.secret })).status).toBe(401);
  });

  test('the last active admin can be neither demoted nor deactivated; with a second admin, either can', async () => {
    const root = await t.signedInUser('root', 'admin');
    for (const json of [{ role: 'member' }, { status: 'deactivated' }]) {
      const res = await t.request(`/api/users/${root.user.id}`, { method: 'PATCH', cookie: root.cookie, json });
      expect(res.status).toBe(409);
      expect((await errorOf(res)).message).toMatch(/last active admin/);
    }
    const ivy = await t.signedInUser('ivy');
    expect((await t.request(`/api/users/${ivy.user.id}`, { method: 'PATCH', cookie: root.cookie, json: { role: 'admin' } })).status).toBe(200);
    expect((await t.request(`/api/users/${root.user.id}`, { method: 'PATCH', cookie: root.cookie, json: { role: 'member' } })).status).toBe(200);
    // root is a member now: their own session can no longer change anyone.
    expect((await t.request(`/api/users/${ivy.user.id}`, { method: 'PATCH', cookie: root.cookie, json: { role: 'member' } })).status).toBe(403);
    const detail = memberDetailSchema.parse(await (await t.request(`/api/users/${root.user.id}`, { cookie: ivy.cookie })).json());
    expect(detail.events[0]).toMatchObject({ type: 'role_changed', detail: 'member', actor: { username: 'root' } });
  });

  test('two admins demoting each other at once leave one admin', async () => {
    const a = await t.signedInUser('ann', 'admin');
    const b = await t.signedInUser('bob', 'admin');
    const results = await Promise.all([
      t.request(`/api/users/${b.user.id}`, { method: 'PATCH', cookie: a.cookie, json: { status: 'deactivated' } }),
      t.request(`/api/users/${a.user.id}`, { method: 'PATCH', cookie: b.cookie, json: { status: 'deactivated' } }),
    ]);
    const [{ count }] = (await t.db.query<{ count: number }>("SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND status = 'active'")) as [{ count: number }];
    expect(count).toBe(1);
    // The other is refused: as the last admin (409), or because its session had just ended (401).
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
  });

  test('an empty or unknown change is refused and changes nothing', async () => {
    const root = await t.signedInUser('root', 'admin');
    const jo = await t.signedInUser('jo');
    expect((await t.request(`/api/users/${jo.user.id}`, { method: 'PATCH', cookie: root.cookie, json: {} })).status).toBe(422);
    expect((await t.request(`/api/users/${jo.user.id}`, { method: 'PATCH', cookie: root.cookie, json: { status: 'invited' } })).status).toBe(400);
    expect((await t.request('/api/users/nobody', { method: 'PATCH', cookie: root.cookie, json: { role: 'admin' } })).status).toBe(404);
    expect((await t.request('/api/auth/me', { cookie: jo.cookie })).status).toBe(200);
  });
});

describe('who may see and change whom', () => {
  test('a member sees only themselves and can change nobody; a token can manage no one', async () => {
    const root = await t.signedInUser('root', 'admin');
    const kim = await t.signedInUser('kim');
    const list = memberListSchema.parse(await (await t.request('/api/users', { cookie: kim.cookie })).json());
    expect(list.members.map((m) => m.username)).toEqual(['kim']);
    expect(list.total).toBe(1);
    expect((await t.request(`/api/users/${root.user.id}`, { cookie: kim.cookie })).status).toBe(404);
    expect((await t.request(`/api/users/${kim.user.id}`, { cookie: kim.cookie })).status).toBe(200);
    for (const [path, method, json] of [
      ['/api/users', 'POST', { username: 'sneaky', role: 'admin' }],
      [`/api/users/${kim.user.id}`, 'PATCH', { role: 'admin' }],
      [`/api/users/${root.user.id}/offboarding`, 'GET', undefined],
      [`/api/users/${root.user.id}/invite`, 'POST', undefined],
    ] as const) {
      const res = await t.request(path, { method, cookie: kim.cookie, json });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const { secret } = await t.createToken(root.cookie);
    expect((await t.request('/api/users', { bearer: secret })).status).toBe(403);
    expect((await t.request('/api/users', { method: 'POST', bearer: secret, json: { username: 'viaToken', role: 'admin' } })).status).toBe(403);
  });

  test('search and filters narrow the list; pages follow the cursor', async () => {
    const root = await t.signedInUser('root', 'admin');
    for (const name of ['amy', 'ana', 'ben', 'bea']) await t.createUser(name);
    await addPerson(root.cookie, { username: 'newbie', role: 'member' });
    const page = async (query: string) => memberListSchema.parse(await (await t.request(`/api/users${query}`, { cookie: root.cookie })).json());
    expect((await page('?q=A')).members.map((m) => m.username)).toEqual(['amy', 'ana', 'bea']);
    expect((await page('?status=invited')).members.map((m) => m.username)).toEqual(['newbie']);
    expect((await page('?role=admin')).members.map((m) => m.username)).toEqual(['root']);
    const first = await page('?limit=2');
    expect(first.members.map((m) => m.username)).toEqual(['amy', 'ana']);
    expect(first.total).toBe(6);
    const second = await page(`?limit=2&cursor=${first.nextCursor ?? ''}`);
    expect(second.members.map((m) => m.username)).toEqual(['bea', 'ben']);
    expect((await t.request('/api/users?cursor=garbage', { cookie: root.cookie })).status).toBe(400);
    expect((await t.request('/api/users?limit=0', { cookie: root.cookie })).status).toBe(400);
  });
});
