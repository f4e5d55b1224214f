import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { inviteResponseSchema, memberDetailSchema } from '../../src/contract/members';
import { passwordSignInOffMessage, ssoInfoSchema } from '../../src/contract/sso';
import { meResponseSchema } from '../../src/contract/users';
import { createApp } from '../app';
import type { OidcConfig } from '../sso/relying-party';
import { signInAtProvider } from '../sso/testing/provider-login';
import { startTestProvider, type TestProvider } from '../sso/testing/test-provider';
import { errorOf, useTestApp } from '../testing/test-app';

const clientId = 'keyline';
const clientSecret = 'a-client-secret-only-these-tests-know';
// `app.request('/…')` answers as http://localhost: the redirect URI the provider must know.
const redirectUri = 'http://localhost/api/sso/callback';

// Filled in once the provider listens; the app reads it when the test app is built, after this hook.
const oidc: OidcConfig = { issuer: '', clientId, clientSecret, name: 'Acme ID' };
/** Changed by the tests of the groups mapping, emptied after each. */
const groups: Record<string, string[]> = {};
afterEach(() => {
  for (const login of Object.keys(groups)) delete groups[login];
});
let provider: TestProvider;
beforeAll(async () => {
  // `ada-impostor` is another account of the provider that claims the username `ada`; `groups` is what the provider says each login belongs to.
  provider = await startTestProvider({ clientId, clientSecret, redirectUris: [redirectUri], usernames: { 'ada-impostor': 'ada' }, groups });
  oidc.issuer = provider.issuer;
});
afterAll(() => provider?.close());

const t = useTestApp({ oidc, rateLimits: { ssoStartsPerIp: { limit: 5, windowMs: 60_000 } } });

const cookiesOf = (res: Response) => new Map(res.headers.getSetCookie().map((line) => line.split(';')[0]!.split('=') as [string, string]));
const pathOf = (location: string | null) => {
  const url = new URL(location ?? '', 'http://localhost');
  return `${url.pathname}${url.search}`;
};

/** `/api/sso/start` as the browser opens it: the provider's URL and the cookie binding this browser to the sign-in. */
async function start(returnTo?: string) {
  const res = await t.request(`/api/sso/start${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`);
  expect(res.status, await res.clone().text()).toBe(302);
  const binding = cookiesOf(res).get('keyline_sso');
  return { location: res.headers.get('Location') ?? '', binding: binding ? `keyline_sso=${binding}` : '' };
}

/** Back from the provider to Keyline's callback, with the browser's binding cookie. */
const callback = (url: URL, cookie: string) => t.request(`${url.pathname}${url.search}`, { cookie });

/** The whole round trip as `login` at the provider; answers Keyline's last response. */
async function signInThroughProvider(login: string, returnTo?: string) {
  const started = await start(returnTo);
  return callback(await signInAtProvider(started.location, login), started.binding);
}

const sessionCookieOf = (res: Response) => {
  const session = cookiesOf(res).get('keyline_session');
  return session ? `keyline_session=${session}` : null;
};

/** An app of its own on the same database, with other single sign-on settings. */
const appWith = (overrides: Partial<OidcConfig>) =>
  createApp({ db: t.db, clock: t.clock, config: { hmacSecret: Buffer.alloc(32, 7), logger: t.logger, oidc: { ...oidc, ...overrides } } });

/** The whole round trip through `app` as `login` at the provider. */
async function signInThrough(app: ReturnType<typeof createApp>, login: string) {
  const started = await app.request('/api/sso/start');
  const binding = `keyline_sso=${cookiesOf(started).get('keyline_sso')}`;
  const answer = await signInAtProvider(started.headers.get('Location') ?? '', login);
  return app.request(`${answer.pathname}${answer.search}`, { headers: { Cookie: binding } });
}

async function expectRefused(res: Response, code: string) {
  expect(res.status).toBe(302);
  expect(new URL(res.headers.get('Location') ?? '', 'http://localhost').searchParams.get('sso_error')).toBe(code);
  expect(sessionCookieOf(res)).toBeNull();
}

describe('GET /api/sso', () => {
  test('names the provider for the sign-in page when single sign-on is configured, with password sign-in on', async () => {
    const res = await t.request('/api/sso');
    expect(ssoInfoSchema.parse(await res.json())).toEqual({ provider: { name: 'Acme ID' }, passwordSignIn: true });
  });

  test('says it is off without an issuer, and its other routes do not exist', async () => {
    const app = createApp({ db: t.db, clock: t.clock, config: { hmacSecret: Buffer.alloc(32, 7), logger: t.logger } });
    expect(ssoInfoSchema.parse(await (await app.request('/api/sso')).json())).toEqual({ provider: null, passwordSignIn: true });
    expect((await app.request('/api/sso/start')).status).toBe(404);
    expect((await app.request('/api/sso/callback?state=x&code=y')).status).toBe(404);
  });
});

describe('signing in through the provider', () => {
  test('an active person signs in: authorization code with PKCE, state and nonce, then a session and the returnTo page', async () => {
    const { user } = await t.createUser('ada');
    const started = await start('/settings/api-tokens?tab=policy');
    const authorization = new URL(started.location);
    expect(authorization.origin).toBe(provider.issuer);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      code_challenge_method: 'S256',
    });
    for (const param of ['state', 'nonce', 'code_challenge']) expect(authorization.searchParams.get(param)).toMatch(/^[\w-]{43}$/);
    // The verifier and the state stay on the server, the state only as a digest.
    const [pending] = await t.db.query<{ state_hash: Uint8Array; code_verifier: string }>('SELECT * FROM sso_states');
    expect(Buffer.from(pending!.state_hash).toString('base64url')).not.toBe(authorization.searchParams.get('state'));
    expect(started.location).not.toContain(pending!.code_verifier);

    const answer = await signInAtProvider(started.location, 'ada');
    const res = await callback(answer, started.binding);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/settings/api-tokens?tab=policy');
    const session = sessionCookieOf(res);
    expect(session).not.toBeNull();
    const me = meResponseSchema.parse(await (await t.request('/api/auth/me', { cookie: session! })).json());
    expect(me.user).toEqual(user);
    const [row] = await t.db.query<{ last_sign_in_at: Date | null }>('SELECT last_sign_in_at FROM users WHERE id = $1', [user.id]);
    expect(row!.last_sign_in_at).toEqual(t.clock.now());
    // Neither the code nor the session reaches the log.
    expect(JSON.stringify(t.logs)).not.toContain(answer.searchParams.get('code'));
    expect(JSON.stringify(t.logs)).not.toContain(session!.split('=')[1]);
    // Spent: nothing of the sign-in is left behind.
    expect(await t.db.query('SELECT 1 FROM sso_states')).toHaveLength(0);
  });

  test('without a returnTo it lands on Integrations; once linked, the subject is what counts, not the username', async () => {
    const { user } = await t.createUser('ada');
    const first = await signInThroughProvider('ada');
    expect(first.headers.get('Location')).toBe('/account/integrations');
    await t.db.query("UPDATE users SET username = 'ada.lovelace' WHERE id = $1", [user.id]);
    const again = await signInThroughProvider('ada');
    expect(again.headers.get('Location')).toBe('/account/integrations');
    const me = meResponseSchema.parse(await (await t.request('/api/auth/me', { cookie: sessionCookieOf(again)! })).json());
    expect(me.user.id).toBe(user.id);
  });

  test('an invited person becomes active, their invite link stops working, and joining is on their record', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const added = inviteResponseSchema.parse(
      await (await t.request('/api/users', { method: 'POST', cookie: admin.cookie, json: { username: 'grace', role: 'member' } })).json(),
    );
    const res = await signInThroughProvider('grace');
    expect(res.headers.get('Location')).toBe('/account/integrations');
    expect(sessionCookieOf(res)).not.toBeNull();

    const detail = memberDetailSchema.parse(await (await t.request(`/api/users/${added.user.id}`, { cookie: admin.cookie })).json());
    expect(detail.user.status).toBe('active');
    expect(detail.events).toContainEqual(expect.objectContaining({ type: 'joined', actor: null, detail: 'sso' }));
    const code = new URL(added.inviteUrl).pathname.split('/').at(-1)!;
    expect((await t.request(`/api/invites/${code}`)).status).toBe(404);
  });
});

describe('refusals', () => {
  test('a state works once: the same answer from the provider replayed signs nobody in', async () => {
    await t.createUser('ada');
    const started = await start();
    const answer = await signInAtProvider(started.location, 'ada');
    expect((await callback(answer, started.binding)).status).toBe(302);
    await expectRefused(await callback(answer, started.binding), 'expired');
  });

  test('a tampered state is refused', async () => {
    await t.createUser('ada');
    const started = await start();
    const answer = await signInAtProvider(started.location, 'ada');
    answer.searchParams.set('state', `${answer.searchParams.get('state')}x`);
    await expectRefused(await callback(answer, started.binding), 'expired');
  });

  test('an ID token with another nonce than the one this sign-in stored is refused', async () => {
    await t.createUser('ada');
    const started = await start();
    const answer = await signInAtProvider(started.location, 'ada');
    await t.db.query("UPDATE sso_states SET nonce = 'a-nonce-the-provider-never-saw'");
    await expectRefused(await callback(answer, started.binding), 'failed');
    // Why, for the operator: the check that failed, and nothing the provider sent.
    const logged = JSON.stringify(t.logs);
    expect(logged).toContain('OAUTH_JWT_CLAIM_COMPARISON_FAILED');
    expect(logged).not.toContain(answer.searchParams.get('code'));
  });

  test('the provider’s answer opened in another browser (no binding cookie) signs nobody in', async () => {
    await t.createUser('ada');
    const started = await start();
    const answer = await signInAtProvider(started.location, 'ada');
    await expectRefused(await callback(answer, ''), 'expired');
    await expectRefused(await callback(answer, 'keyline_sso=someone-elses'), 'expired');
  });

  test('a sign-in that took longer than ten minutes is refused', async () => {
    await t.createUser('ada');
    const started = await start();
    const answer = await signInAtProvider(started.location, 'ada');
    t.clock.advance(10 * 60 * 1000 + 1);
    await expectRefused(await callback(answer, started.binding), 'expired');
  });

  test('with KEYLINE_OIDC_AUTO_CREATE=off, someone the workspace does not know is refused, and no one is created', async () => {
    await t.createUser('ada');
    await expectRefused(await signInThrough(appWith({ autoCreate: 'off' }), 'mallory'), 'unknown_user');
    expect(await t.db.query("SELECT 1 FROM users WHERE username = 'mallory'")).toHaveLength(0);
    // Someone who was added still gets in.
    expect(sessionCookieOf(await signInThrough(appWith({ autoCreate: 'off' }), 'ada'))).not.toBeNull();
  });

  test('another account claiming a username that is already linked is refused', async () => {
    await t.createUser('ada');
    await signInThroughProvider('ada');
    await expectRefused(await signInThroughProvider('ada-impostor'), 'unknown_user');
  });

  test('a deactivated person is refused, linked or not', async () => {
    const { user } = await t.createUser('ada');
    await t.createUser('bob');
    await signInThroughProvider('ada');
    await t.db.query("UPDATE users SET status = 'deactivated' WHERE id = $1", [user.id]);
    await t.db.query("UPDATE users SET status = 'deactivated' WHERE username = 'bob'");
    await expectRefused(await signInThroughProvider('ada'), 'deactivated');
    await expectRefused(await signInThroughProvider('bob'), 'deactivated');
  });

  test('cancelling at the provider comes back as cancelled', async () => {
    await t.createUser('ada');
    const started = await start('/account/security');
    const res = await callback(await signInAtProvider(started.location, 'ada', { consent: false }), started.binding);
    await expectRefused(res, 'denied');
    expect(new URL(res.headers.get('Location')!, 'http://localhost').searchParams.get('next')).toBe('/account/security');
  });

  test('a returnTo that leaves the site is refused before anyone is sent to the provider', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '/.//evil.example', '/\t/evil.example', 'x'.repeat(3000)]) {
      const res = await t.request(`/api/sso/start?returnTo=${encodeURIComponent(returnTo)}`);
      expect(res.status, returnTo).toBe(400);
      expect(res.headers.get('Location')).toBeNull();
      expect((await errorOf(res)).fields).toEqual({ returnTo: 'Must be a path on this site.' });
    }
    expect(await t.db.query('SELECT 1 FROM sso_states')).toHaveLength(0);
  });

  test('callbacks with no, odd or oversized input are sent back to sign in, never a server error', async () => {
    const odd = ['', '?state=', '?code=x', `?state=${'a'.repeat(100_000)}`, '?state=%00%00&code=%00', '?state[]=1&state=2', '?error=access_denied'];
    for (const query of odd) await expectRefused(await t.request(`/api/sso/callback${query}`, { cookie: 'keyline_sso=x' }), 'expired');
    expect((await t.request('/api/sso/start?returnTo=%00')).status).toBe(400);
  });

  test('starting over and over from one address is limited', async () => {
    for (let i = 0; i < 5; i += 1) await start();
    const res = await t.request('/api/sso/start');
    expect(pathOf(res.headers.get('Location'))).toBe('/sign-in?sso_error=rate_limited');
  });
});

describe('a provider that cannot be trusted or reached', () => {

  test('a discovery document naming another issuer is refused', async () => {
    // Same provider, reached under another name: its metadata says 127.0.0.1, not localhost.
    const res = await appWith({ issuer: provider.issuer.replace('127.0.0.1', 'localhost') }).request('/api/sso/start?returnTo=%2Faccount%2Fsecurity');
    expect(pathOf(res.headers.get('Location'))).toBe('/sign-in?sso_error=unavailable&next=%2Faccount%2Fsecurity');
  });

  test('a provider that is down sends people back to the password form with a clear code', async () => {
    const down = await startTestProvider({ clientId, clientSecret, redirectUris: [redirectUri] });
    await down.close();
    const res = await appWith({ issuer: down.issuer }).request('/api/sso/start');
    expect(pathOf(res.headers.get('Location'))).toBe('/sign-in?sso_error=unavailable');
    expect(await t.db.query('SELECT 1 FROM sso_states')).toHaveLength(0);
  });
});

describe('by default (KEYLINE_OIDC_AUTO_CREATE=member)', () => {
  test('someone nobody added becomes an active member on their first sign-in, recorded as added', async () => {
    const app = appWith({});
    const res = await signInThrough(app, 'linus');
    expect(res.headers.get('Location')).toBe('/account/integrations');
    const me = meResponseSchema.parse(await (await app.request('/api/auth/me', { headers: { Cookie: sessionCookieOf(res)! } })).json());
    expect(me.user).toMatchObject({ username: 'linus', role: 'member' });

    const admin = await t.signedInUser('root', 'admin');
    const detail = memberDetailSchema.parse(await (await t.request(`/api/users/${me.user.id}`, { cookie: admin.cookie })).json());
    expect(detail.user).toMatchObject({ status: 'active', lastSignInAt: t.clock.now().toISOString() });
    expect(detail.events).toEqual([expect.objectContaining({ type: 'added', actor: null, detail: 'member' })]);
    // Signing in again is the same person, not another one.
    const again = await signInThrough(app, 'linus');
    expect(meResponseSchema.parse(await (await app.request('/api/auth/me', { headers: { Cookie: sessionCookieOf(again)! } })).json()).user.id).toBe(me.user.id);
  });

  test('still refuses a deactivated person, and a username Keyline does not accept', async () => {
    const app = appWith({});
    const { user } = await t.createUser('ada');
    await t.db.query("UPDATE users SET status = 'deactivated' WHERE id = $1", [user.id]);
    await expectRefused(await signInThrough(app, 'ada'), 'deactivated');
    await expectRefused(await signInThrough(app, 'not a username!'), 'unknown_user');
    expect(await t.db.query('SELECT 1 FROM users')).toHaveLength(1);
  });
});

describe('admins by the provider’s groups (KEYLINE_OIDC_ADMIN_GROUPS)', () => {
  const appMappingGroups = () => appWith({ adminGroups: ['platform-admins', 'security'] });
  const meOf = async (app: ReturnType<typeof createApp>, res: Response) =>
    meResponseSchema.parse(await (await app.request('/api/auth/me', { headers: { Cookie: sessionCookieOf(res)! } })).json()).user;
  const historyOf = async (id: string) => {
    const admin = await t.signedInUser(`auditor-${id.slice(0, 6)}`, 'admin');
    return memberDetailSchema.parse(await (await t.request(`/api/users/${id}`, { cookie: admin.cookie })).json()).events;
  };

  test('someone in an admin group is created as an admin, recorded as added by single sign-on', async () => {
    groups.linus = ['engineering', 'security'];
    const app = appMappingGroups();
    const me = await meOf(app, await signInThrough(app, 'linus'));
    expect(me).toMatchObject({ username: 'linus', role: 'admin' });
    expect(await historyOf(me.id)).toEqual([expect.objectContaining({ type: 'added', actor: null, detail: 'admin' })]);
  });

  test('the role follows the groups at each sign-in, each change recorded as done by single sign-on', async () => {
    await t.createUser('root', { role: 'admin' });
    const { user } = await t.createUser('ada');
    const app = appMappingGroups();
    groups.ada = ['platform-admins'];
    expect(await meOf(app, await signInThrough(app, 'ada'))).toMatchObject({ id: user.id, role: 'admin' });
    // Signing in again in the same groups changes nothing more.
    await signInThrough(app, 'ada');
    groups.ada = ['engineering'];
    expect(await meOf(app, await signInThrough(app, 'ada'))).toMatchObject({ id: user.id, role: 'member' });
    const roleChanges = (await historyOf(user.id)).filter((event) => event.type === 'role_changed');
    expect(roleChanges).toEqual([
      expect.objectContaining({ actor: null, detail: 'member' }),
      expect.objectContaining({ actor: null, detail: 'admin' }),
    ]);
  });

  test('the last active admin is never demoted by it', async () => {
    const { user } = await t.createUser('ada', { role: 'admin' });
    groups.ada = ['engineering'];
    const app = appMappingGroups();
    expect(await meOf(app, await signInThrough(app, 'ada'))).toMatchObject({ id: user.id, role: 'admin' });
    const [row] = await t.db.query<{ role: string }>('SELECT role FROM users WHERE id = $1', [user.id]);
    expect(row!.role).toBe('admin');
    expect(await t.db.query("SELECT 1 FROM member_events WHERE type = 'role_changed'")).toHaveLength(0);
  });

  test('a provider that sends no groups claim changes nobody’s role', async () => {
    await t.createUser('root', { role: 'admin' });
    const { user } = await t.createUser('ada', { role: 'admin' });
    const app = appMappingGroups();
    expect(await meOf(app, await signInThrough(app, 'ada'))).toMatchObject({ id: user.id, role: 'admin' });
  });

  test('without admin groups configured, groups change nothing and nobody is created an admin', async () => {
    groups.linus = ['platform-admins'];
    const app = appWith({});
    expect(await meOf(app, await signInThrough(app, 'linus'))).toMatchObject({ role: 'member' });
  });

  test('a password sign-in leaves the role alone', async () => {
    await t.createUser('root', { role: 'admin' });
    const { user } = await t.createUser('ada', { role: 'admin' });
    groups.ada = [];
    const app = appMappingGroups();
    const res = await app.request('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'keyline' }, body: JSON.stringify({ username: 'ada', password: 'ada-password' }) });
    expect(res.status, await res.clone().text()).toBe(200);
    const [row] = await t.db.query<{ role: string }>('SELECT role FROM users WHERE id = $1', [user.id]);
    expect(row!.role).toBe('admin');
  });
});

describe('with password sign-in off (KEYLINE_PASSWORD_SIGNIN=off)', () => {
  const appWithoutPasswords = () => appWith({ passwordSignIn: false });
  const post = (app: ReturnType<typeof createApp>, path: string, json: unknown) =>
    app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'keyline' }, body: JSON.stringify(json) });

  test('the sign-in options say so', async () => {
    const res = await appWithoutPasswords().request('/api/sso');
    expect(ssoInfoSchema.parse(await res.json())).toEqual({ provider: { name: 'Acme ID' }, passwordSignIn: false });
  });

  test('a password sign-in is refused with 403, right password or not, and says to use the provider', async () => {
    await t.createUser('ada');
    const app = appWithoutPasswords();
    for (const password of ['ada-password', 'wrong']) {
      const res = await post(app, '/api/session', { username: 'ada', password });
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ type: 'permission_error', message: passwordSignInOffMessage('Acme ID') });
      expect(sessionCookieOf(res)).toBeNull();
    }
    // Bad input is still a 400, never a server error.
    expect((await post(app, '/api/session', { username: 'ada\u0000', password: 7 })).status).toBe(400);
  });

  test('an invite link chooses no password; the invited person joins through the provider, which spends the link', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const added = inviteResponseSchema.parse(
      await (await t.request('/api/users', { method: 'POST', cookie: admin.cookie, json: { username: 'grace', role: 'member' } })).json(),
    );
    const code = new URL(added.inviteUrl).pathname.split('/').at(-1)!;
    const app = appWithoutPasswords();
    expect((await app.request(`/api/invites/${code}`)).status).toBe(200);
    const accept = await post(app, `/api/invites/${code}/accept`, { password: 'a long enough password' });
    expect(accept.status).toBe(403);
    expect(await errorOf(accept)).toMatchObject({ type: 'permission_error', message: passwordSignInOffMessage('Acme ID') });
    const [row] = await t.db.query<{ status: string; password_hash: string | null }>("SELECT status, password_hash FROM users WHERE username = 'grace'");
    expect(row).toEqual({ status: 'invited', password_hash: null });

    expect(sessionCookieOf(await signInThrough(app, 'grace'))).not.toBeNull();
    expect((await app.request(`/api/invites/${code}`)).status).toBe(404);
  });

  test('signing in through the provider works as ever', async () => {
    await t.createUser('ada');
    expect(sessionCookieOf(await signInThrough(appWithoutPasswords(), 'ada'))).not.toBeNull();
  });

  test('My account cannot set a password either, right current password or not; the stored one stays', async () => {
    await t.createUser('ada');
    const app = appWithoutPasswords();
    const cookie = `keyline_session=${cookiesOf(await signInThrough(app, 'ada')).get('keyline_session')}`;
    const [before] = await t.db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'ada'");
    for (const currentPassword of ['ada-password', 'wrong']) {
      const res = await app.request('/api/account/password', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'keyline', Cookie: cookie },
        body: JSON.stringify({ currentPassword, newPassword: 'a brand new passphrase' }),
      });
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ type: 'permission_error', message: passwordSignInOffMessage('Acme ID') });
    }
    const [after] = await t.db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'ada'");
    expect(after).toEqual(before);
  });
});
