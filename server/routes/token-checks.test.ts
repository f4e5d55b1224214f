import { describe, expect, test } from 'vitest';
import { tokenCheckResponseSchema } from '../../src/contract/lifecycle';
import { useTestApp } from '../testing/test-app';

const t = useTestApp();

async function check(cookie: string, token: string) {
  const res = await t.request('/api/token-checks', { method: 'POST', cookie, json: { token } });
  expect(res.status).toBe(200);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return tokenCheckResponseSchema.parse(await res.json());
}

describe('POST /api/token-checks', () => {
  test('look-alikes fail offline; a well-formed unknown secret is unknown', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    expect(await check(cookie, 'ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toEqual({ result: 'invalid_format' });
    // One character changed: the checksum no longer matches.
    const typo = secret.slice(0, 12) + (secret[12] === 'a' ? 'b' : 'a') + secret.slice(13);
    expect(await check(cookie, typo)).toEqual({ result: 'invalid_format' });
    await t.db.exec('DELETE FROM api_keys');
    expect(await check(cookie, secret)).toEqual({ result: 'unknown' });
  });

  test('mine: found with its status; a revoked one says revoked', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    expect(await check(cookie, `  ${secret}\n`)).toMatchObject({ result: 'found', matched: 'current', secretStatus: 'active', apiKey: { id: apiKey.id } });
    await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie });
    expect(await check(cookie, secret)).toMatchObject({ result: 'found', secretStatus: 'revoked', apiKey: { status: 'revoked' } });
  });

  test('a rotated-out secret is recognised as the previous one, dead once its grace is over', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    await t.request(`/api/api-keys/${apiKey.id}/rotate`, { method: 'POST', cookie, json: { gracePeriod: 'none' } });
    expect(await check(cookie, secret)).toMatchObject({ result: 'found', matched: 'previous', secretStatus: 'expired' });
  });

  test('someone else’s: "not yours" for a member, the whole token for an admin, who may revoke it', async () => {
    const alice = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(alice.cookie);
    const bob = await t.signedInUser('bob');
    expect(await check(bob.cookie, secret)).toEqual({ result: 'not_yours' });
    const root = await t.signedInUser('root', 'admin');
    expect(await check(root.cookie, secret)).toMatchObject({ result: 'found', apiKey: { owner: { username: 'alice' } } });
    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie: root.cookie })).status).toBe(204);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(401);
  });

  test('session only, and the pasted value is never logged', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const asToken = await t.request('/api/token-checks', { method: 'POST', bearer: secret, json: { token: secret } });
    expect(asToken.status).toBe(403);
    expect((await t.request('/api/token-checks', { method: 'POST', cookie, json: {} })).status).toBe(400);
    expect(JSON.stringify(t.logs)).not.toContain(secret);
  });
});
