import { describe, expect, test } from 'vitest';
import { deviceCodeResponseSchema, deviceRequestSchema } from '../../src/contract/device';
import { apiKeyListSchema, createApiKeyResponseSchema } from '../../src/contract/tokens';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp();

/** The token a device login hands the CLI, after the person approves it in their session. */
async function deviceLoginToken(cookie: string) {
  const flow = deviceCodeResponseSchema.parse(
    await (await t.request('/api/device/code', { method: 'POST', json: { clientName: 'keyline CLI', hostname: 'laptop' } })).json(),
  );
  const pending = deviceRequestSchema.parse(await (await t.request('/api/device/lookup', { method: 'POST', cookie, json: { userCode: flow.userCode } })).json());
  const approved = await t.request(`/api/device/requests/${pending.id}/approve`, {
    method: 'POST',
    cookie,
    json: { userCode: flow.userCode, environment: 'development', scopes: ['read:projects'], expiresInDays: 30 },
  });
  expect(approved.status).toBe(200);
  const res = await t.request('/api/device/token', { method: 'POST', json: { deviceCode: flow.deviceCode } });
  return createApiKeyResponseSchema.parse(await res.json());
}

const newToken = { name: 'from the CLI', environment: 'staging', scopes: ['read:projects'], expiresInDays: 7 };

describe('token management with the token of a device login', () => {
  test('lists, creates, rotates and revokes its owner’s tokens, with the same rules as the dashboard', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await deviceLoginToken(cookie);

    const created = await t.request('/api/api-keys', { method: 'POST', bearer: secret, withoutCsrfHeader: true, json: newToken });
    expect(created.status).toBe(201);
    const { apiKey } = createApiKeyResponseSchema.parse(await created.json());
    expect(apiKey.owner.username).toBe('alice');

    const list = apiKeyListSchema.parse(await (await t.request('/api/api-keys', { bearer: secret })).json());
    expect(list.data.map((k) => k.name).sort()).toEqual(['CLI on laptop', 'from the CLI']);

    const refused = await t.request('/api/api-keys', { method: 'POST', bearer: secret, json: { ...newToken, name: 'too long', expiresInDays: 5000 } });
    expect(refused.status).toBe(422);

    const rotated = await t.request(`/api/api-keys/${apiKey.id}/rotate`, { method: 'POST', bearer: secret, json: { gracePeriod: 'none' } });
    expect(rotated.status, await rotated.clone().text()).toBe(201);
    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', bearer: secret })).status).toBe(204);
  });

  test('a token made on the dashboard still cannot manage tokens (ADR 001)', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const res = await t.request('/api/api-keys', { method: 'POST', bearer: secret, json: newToken });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toBe('Managing tokens needs a signed-in session; a token cannot create or revoke tokens.');
    expect((await t.request('/api/api-keys', { bearer: secret })).status).toBe(403);
  });

  test('sees and touches only its owner’s tokens: someone else’s is 404 and stays alive', async () => {
    const bob = await t.signedInUser('bob');
    const bobs = await t.createToken(bob.cookie);
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await deviceLoginToken(cookie);
    expect((await t.request(`/api/api-keys/${bobs.apiKey.id}`, { method: 'DELETE', bearer: secret })).status).toBe(404);
    expect((await t.request(`/api/api-keys/${bobs.apiKey.id}/rotate`, { method: 'POST', bearer: secret, json: { gracePeriod: 'none' } })).status).toBe(404);
    expect((await t.request('/api/auth/me', { bearer: bobs.secret })).status).toBe(200);
  });
});
