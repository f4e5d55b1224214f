import { describe, expect, test } from 'vitest';
import {
  approveDeviceResponseSchema,
  deviceCodeResponseSchema,
  deviceRequestSchema,
  deviceTokenErrorSchema,
  type DeviceCodeResponse,
} from '../../src/contract/device';
import { csrfHeader } from '../../src/contract/headers';
import { apiKeyEventListSchema } from '../../src/contract/lifecycle';
import { createApiKeyResponseSchema } from '../../src/contract/tokens';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp({ rateLimits: { deviceUserCodeFailuresPerUser: { limit: 3, windowMs: 60_000 }, deviceCodesPerIp: { limit: 3, windowMs: 60_000 } } });
const second = 1000;

// What @hono/node-server passes the app: the socket the request came in on.
const fromMachine = { incoming: { socket: { remoteAddress: '203.0.113.9', remotePort: 40000, remoteFamily: 'IPv4' } } };

const requestCode = (json: Record<string, unknown>) =>
  t.app.request(
    '/api/device/code',
    { method: 'POST', headers: { [csrfHeader.name]: csrfHeader.value, 'Content-Type': 'application/json' }, body: JSON.stringify(json) },
    fromMachine,
  );

async function startFlow(json: Record<string, unknown> = {}): Promise<DeviceCodeResponse> {
  const res = await requestCode({ clientName: 'keyline CLI', hostname: 'build-01', ...json });
  expect(res.status, await res.clone().text()).toBe(200);
  return deviceCodeResponseSchema.parse(await res.json());
}

const poll = (deviceCode: string) => t.request('/api/device/token', { method: 'POST', json: { deviceCode } });

async function pollError(deviceCode: string) {
  const res = await poll(deviceCode);
  expect(res.status).toBe(400);
  return deviceTokenErrorSchema.parse(await res.json());
}

async function lookUp(cookie: string, userCode: string) {
  return t.request('/api/device/lookup', { method: 'POST', cookie, json: { userCode } });
}

async function pendingRequest(cookie: string, userCode: string) {
  const res = await lookUp(cookie, userCode);
  expect(res.status, await res.clone().text()).toBe(200);
  return deviceRequestSchema.parse(await res.json());
}

const approval = { environment: 'development', scopes: ['read:projects'], expiresInDays: 30 };

function approve(cookie: string, id: string, json: Record<string, unknown>) {
  return t.request(`/api/device/requests/${id}/approve`, { method: 'POST', cookie, json: { ...approval, ...json } });
}

describe('starting a device login', () => {
  test('answers both codes and where to go; only keyed digests of the codes are stored', async () => {
    const flow = await startFlow({ environment: 'staging', scopes: ['read:projects'], expiresInDays: 7 });
    expect(flow).toMatchObject({ expiresIn: 600, interval: 5, verificationUri: 'http://localhost/activate' });
    expect(flow.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(flow.verificationUriComplete).toBe(`http://localhost/activate?code=${flow.userCode}`);
    const stored = JSON.stringify(await t.db.query('SELECT * FROM device_authorizations'));
    expect(stored).not.toContain(flow.deviceCode);
    expect(stored).not.toContain(flow.userCode.replace('-', ''));
    expect(stored).not.toContain(flow.userCode);
  });

  test('requests over for a day are dropped when a new one starts', async () => {
    await startFlow();
    t.clock.advance(600 * second + 24 * 60 * 60 * second + second);
    await startFlow();
    expect(await t.db.query('SELECT id FROM device_authorizations')).toHaveLength(1);
  });

  test('bad input gets a 400 and stores nothing', async () => {
    const res = await t.request('/api/device/code', { method: 'POST', json: { clientName: '', hostname: 'h'.repeat(81) } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields).toMatchObject({ clientName: expect.any(String), hostname: expect.any(String) });
    expect(await t.db.query('SELECT id FROM device_authorizations')).toHaveLength(0);
  });

  test('starting is rate limited per IP', async () => {
    for (let i = 0; i < 3; i += 1) await startFlow();
    const res = await requestCode({ clientName: 'x', hostname: 'y' });
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBeTruthy();
  });
});

describe('polling for the token', () => {
  test('pending until approved, then the token once, then the code is spent', async () => {
    const { user, cookie } = await t.signedInUser('ada');
    const flow = await startFlow();
    expect(await pollError(flow.deviceCode)).toMatchObject({ error: 'authorization_pending' });

    // The page shows what asks; case and dashes of the typed code do not matter.
    const request = await pendingRequest(cookie, flow.userCode.toLowerCase().replace('-', ' '));
    expect(request).toMatchObject({ clientName: 'keyline CLI', hostname: 'build-01', userCode: flow.userCode, tokenName: 'CLI on build-01' });

    const approved = await approve(cookie, request.id, { userCode: flow.userCode });
    expect(approved.status, await approved.clone().text()).toBe(200);
    const { apiKey } = approveDeviceResponseSchema.parse(await approved.json());
    expect(apiKey).toMatchObject({ name: 'CLI on build-01', environment: 'development', scopes: ['read:projects'], owner: { id: user.id } });

    t.clock.advance(5 * second);
    const collected = await poll(flow.deviceCode);
    expect(collected.status).toBe(200);
    expect(collected.headers.get('Cache-Control')).toBe('no-store');
    const { secret, apiKey: collectedKey } = createApiKeyResponseSchema.parse(await collected.json());
    expect(collectedKey.id).toBe(apiKey.id);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);

    t.clock.advance(5 * second);
    expect(await pollError(flow.deviceCode)).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/used already/) });

    // The timeline says how it was made and from where.
    const events = apiKeyEventListSchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}/events`, { cookie })).json()).data;
    expect(events[0]).toMatchObject({ type: 'created', via: 'device_login', ip: '203.0.113.9' });
  });

  test('polling faster than the interval says slow_down and adds 5 seconds each time', async () => {
    const flow = await startFlow();
    expect(await pollError(flow.deviceCode)).toMatchObject({ error: 'authorization_pending' });
    t.clock.advance(2 * second);
    expect(await pollError(flow.deviceCode)).toMatchObject({ error: 'slow_down', interval: 10 });
    t.clock.advance(6 * second);
    expect(await pollError(flow.deviceCode)).toMatchObject({ error: 'slow_down', interval: 15 });
    t.clock.advance(15 * second);
    expect(await pollError(flow.deviceCode)).toMatchObject({ error: 'authorization_pending' });
  });

  test('a denied request answers access_denied, and can no longer be approved', async () => {
    const { cookie } = await t.signedInUser('ada');
    const flow = await startFlow();
    const request = await pendingRequest(cookie, flow.userCode);
    const denied = await t.request(`/api/device/requests/${request.id}/deny`, { method: 'POST', cookie, json: { userCode: flow.userCode } });
    expect(denied.status).toBe(204);
    expect(await pollError(flow.deviceCode)).toMatchObject({ error: 'access_denied' });
    expect((await approve(cookie, request.id, { userCode: flow.userCode })).status).toBe(404);
    expect((await lookUp(cookie, flow.userCode)).status).toBe(404);
    expect(await t.db.query('SELECT id FROM api_keys')).toHaveLength(0);
  });

  test('after 10 minutes the code has expired: expired_token, and nobody can approve it', async () => {
    const { cookie } = await t.signedInUser('ada');
    const flow = await startFlow();
    const request = await pendingRequest(cookie, flow.userCode);
    t.clock.advance(600 * second);
    expect(await pollError(flow.deviceCode)).toMatchObject({ error: 'expired_token' });
    expect((await approve(cookie, request.id, { userCode: flow.userCode })).status).toBe(404);
  });

  test('an unknown device code is invalid_grant, and guessing is rate limited per IP', async () => {
    expect(await pollError('not-a-device-code')).toMatchObject({ error: 'invalid_grant' });
    const malformed = await t.request('/api/device/token', { method: 'POST', json: {} });
    expect(malformed.status).toBe(400);
    for (let i = 1; i < 30; i += 1) await poll(`guess-${i}`);
    const limited = await poll('guess-last');
    expect(limited.status).toBe(429);
  });
});

describe('approving', () => {
  test('a wrong code is a 404 and changes nothing; guessing user codes is rate limited per person', async () => {
    const { cookie } = await t.signedInUser('ada');
    const flow = await startFlow();
    const request = await pendingRequest(cookie, flow.userCode);
    expect((await lookUp(cookie, 'BCDF-GHJK')).status).toBe(404);
    expect((await lookUp(cookie, 'not a code')).status).toBe(404);
    expect((await approve(cookie, request.id, { userCode: 'BCDF-GHJK' })).status).toBe(404);
    // Three failures fill the window: even the right code is refused now.
    const limited = await lookUp(cookie, flow.userCode);
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).type).toBe('rate_limit_error');
    expect(await pollError(flow.deviceCode)).toMatchObject({ error: 'authorization_pending' });
  });

  test('bound to the one request looked at: its id with another request’s code does nothing', async () => {
    const { cookie } = await t.signedInUser('ada');
    const first = await startFlow({ hostname: 'laptop' });
    const second = await startFlow({ hostname: 'attacker' });
    const looked = await pendingRequest(cookie, first.userCode);
    expect((await approve(cookie, looked.id, { userCode: second.userCode })).status).toBe(404);
    expect(await pollError(second.deviceCode)).toMatchObject({ error: 'authorization_pending' });
    expect(await t.db.query('SELECT id FROM api_keys')).toHaveLength(0);
  });

  test('approved once only: a second approval or a deny afterwards is a 404 and mints nothing more', async () => {
    const { cookie } = await t.signedInUser('ada');
    const other = await t.signedInUser('bob');
    const flow = await startFlow();
    const request = await pendingRequest(cookie, flow.userCode);
    expect((await approve(cookie, request.id, { userCode: flow.userCode })).status).toBe(200);
    expect((await approve(other.cookie, request.id, { userCode: flow.userCode })).status).toBe(404);
    expect((await t.request(`/api/device/requests/${request.id}/deny`, { method: 'POST', cookie, json: { userCode: flow.userCode } })).status).toBe(404);
    expect(await t.db.query('SELECT id FROM api_keys')).toHaveLength(1);
  });

  test('the policy applies: a forbidden scope or too long a life is a 422 and leaves the request pending', async () => {
    const { cookie } = await t.signedInUser('ada');
    const flow = await startFlow();
    const request = await pendingRequest(cookie, flow.userCode);
    const res = await approve(cookie, request.id, { userCode: flow.userCode, scopes: ['no:such-scope'], expiresInDays: 9999 });
    expect(res.status).toBe(422);
    expect(Object.keys((await errorOf(res)).fields ?? {})).toEqual(expect.arrayContaining(['scopes', 'expiresInDays']));
    expect((await pendingRequest(cookie, flow.userCode)).id).toBe(request.id);
  });

  test('a second login from the same machine gets a name of its own', async () => {
    const { cookie } = await t.signedInUser('ada');
    for (const expected of ['CLI on build-01', 'CLI on build-01 (2)']) {
      const flow = await startFlow();
      const request = await pendingRequest(cookie, flow.userCode);
      const res = await approve(cookie, request.id, { userCode: flow.userCode });
      expect(approveDeviceResponseSchema.parse(await res.json()).apiKey.name).toBe(expected);
    }
  });

  test('needs a session: a token cannot approve, and a signed-out visitor is told to sign in', async () => {
    const { cookie } = await t.signedInUser('ada');
    const { secret } = await t.createToken(cookie);
    const flow = await startFlow();
    const byToken = await t.request('/api/device/lookup', { method: 'POST', bearer: secret, json: { userCode: flow.userCode } });
    expect(byToken.status).toBe(403);
    expect((await t.request('/api/device/lookup', { method: 'POST', json: { userCode: flow.userCode } })).status).toBe(401);
    const noCsrf = await t.request('/api/device/lookup', { method: 'POST', cookie, json: { userCode: flow.userCode }, withoutCsrfHeader: true });
    expect(noCsrf.status).toBe(403);
  });

  test('a token revoked before the machine collects it is access_denied', async () => {
    const { cookie } = await t.signedInUser('ada');
    const flow = await startFlow();
    const request = await pendingRequest(cookie, flow.userCode);
    const { apiKey } = approveDeviceResponseSchema.parse(await (await approve(cookie, request.id, { userCode: flow.userCode })).json());
    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie })).status).toBe(204);
    expect(await pollError(flow.deviceCode)).toMatchObject({ error: 'access_denied' });
  });
});
