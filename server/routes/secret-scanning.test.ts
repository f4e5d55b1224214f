import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { adminApiKeyListSchema } from '../../src/contract/admin';
import { githubLeakFeedbackSchema, githubScanningHeaders } from '../../src/contract/leaks';
import { apiKeyEventListSchema } from '../../src/contract/lifecycle';
import { formatSecret } from '../../src/contract/token-format';
import { apiKeySchema } from '../../src/contract/tokens';
import { parseGithubScanningKeys } from '../leaks/github-keys';
import { errorOf, useTestApp } from '../testing/test-app';

// Two key pairs made here, published to the app the way GitHub publishes its keys.
const ecKeys = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const github = ecKeys();
const stranger = ecKeys();
const keyId = 'a'.repeat(64);
const published = JSON.stringify({
  public_keys: [{ key_identifier: keyId, key: github.publicKey.export({ type: 'spki', format: 'pem' }), is_current: true }],
});

const t = useTestApp({ githubScanningKeys: parseGithubScanningKeys(published) });

const leakUrl = 'https://github.com/octo/app/blob/0123abc/.env';

function signed(body: string, privateKey: KeyObject = github.privateKey) {
  return sign('sha256', Buffer.from(body), { key: privateKey, dsaEncoding: 'der' }).toString('base64');
}

/** Posts a report as GitHub does: no cookie, no CSRF header, the signature over the exact bytes. */
function report(body: string, headers: Record<string, string> = {}) {
  return t.app.request('/api/secret-scanning/github', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [githubScanningHeaders.keyId]: keyId, [githubScanningHeaders.signature]: signed(body), ...headers },
    body,
  });
}

const matches = (...tokens: string[]) => JSON.stringify(tokens.map((token) => ({ token, type: 'keyline_api_token', url: leakUrl, source: 'content' })));

async function eventsOf(cookie: string, id: string) {
  const res = await t.request(`/api/api-keys/${id}/events`, { cookie });
  return apiKeyEventListSchema.parse(await res.json()).data;
}

describe('POST /api/secret-scanning/github', () => {
  test('a signed report revokes the token at once, says where on its timeline, and labels it a true positive', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    const res = await report(matches(secret));
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(githubLeakFeedbackSchema.parse(await res.json())).toEqual([{ token_raw: secret, token_type: 'keyline_api_token', label: 'true_positive' }]);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(401);
    const revoked = (await eventsOf(cookie, apiKey.id)).filter((e) => e.type === 'revoked');
    expect(revoked).toEqual([expect.objectContaining({ actor: null, reason: 'reported_leaked', leakUrl })]);
    // The token itself says why, on its page and in the admin review (and so the CSV).
    const own = apiKeySchema.parse(await (await t.request(`/api/api-keys/${apiKey.id}`, { cookie })).json());
    expect(own).toMatchObject({ status: 'revoked', revokedBy: null, revokedReason: 'reported_leaked' });
    const root = await t.signedInUser('root', 'admin');
    const review = adminApiKeyListSchema.parse(await (await t.request('/api/admin/api-keys?status=revoked', { cookie: root.cookie })).json());
    expect(review.data.find((k) => k.id === apiKey.id)).toMatchObject({ revokedReason: 'reported_leaked' });
    expect(JSON.stringify(t.logs)).not.toContain(secret);
  });

  test.each([
    ['a bad signature', (body: string) => ({ [githubScanningHeaders.signature]: signed(body, stranger.privateKey) })],
    ['an unknown key id', () => ({ [githubScanningHeaders.keyId]: 'b'.repeat(64) })],
    ['no signature', () => ({ [githubScanningHeaders.signature]: '' })],
    ['a signature that is not base64', () => ({ [githubScanningHeaders.signature]: 'not base64!' })],
  ])('%s: 401 and nothing revoked', async (_name, headersFor) => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const body = matches(secret);
    const res = await report(body, headersFor(body));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).type).toBe('authentication_error');
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
  });

  test('a tampered body (signed for another) is refused and nothing is revoked', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const body = matches(secret);
    const res = await t.app.request('/api/secret-scanning/github', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [githubScanningHeaders.keyId]: keyId, [githubScanningHeaders.signature]: signed(matches('kl_dev_other')) },
      body,
    });
    expect(res.status).toBe(401);
    // One byte more whitespace is another body too.
    expect((await report(body, { [githubScanningHeaders.signature]: signed(`${body} `) })).status).toBe(401);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
  });

  test('a replayed report revokes nothing new and records no second event', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    const body = matches(secret);
    expect((await report(body)).status).toBe(200);
    const before = await eventsOf(cookie, apiKey.id);
    t.clock.advance(60_000);
    const again = await report(body);
    expect(githubLeakFeedbackSchema.parse(await again.json())[0]?.label).toBe('true_positive');
    expect(await eventsOf(cookie, apiKey.id)).toEqual(before);
    // Only a digest of each (secret, place) is kept, never the secret.
    const rows = await t.db.query<{ digest: Buffer }>('SELECT digest FROM leak_reports');
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.digest).toString('utf8')).not.toContain(secret);
  });

  test('a mixed batch: ours (live or already dead) true, unknown and malformed false, in the order sent', async () => {
    const { cookie } = await t.signedInUser('alice');
    const live = await t.createToken(cookie, { name: 'live' });
    const dead = await t.createToken(cookie, { name: 'dead' });
    await t.request(`/api/api-keys/${dead.apiKey.id}`, { method: 'DELETE', cookie });
    const unknown = formatSecret('kl', 'prod', 'Z'.repeat(30));
    const res = await report(matches(unknown, live.secret, 'kl_prod_notachecksum', dead.secret, 'x\u0000y'));
    expect(githubLeakFeedbackSchema.parse(await res.json()).map((f) => f.label)).toEqual([
      'false_positive',
      'true_positive',
      'false_positive',
      'true_positive',
      'false_positive',
    ]);
    expect((await t.request('/api/auth/me', { bearer: live.secret })).status).toBe(401);
    // Revoked before by its owner: the report adds no revocation of its own.
    expect((await eventsOf(cookie, dead.apiKey.id)).filter((e) => e.type === 'revoked')).toEqual([expect.objectContaining({ reason: null })]);
  });

  test('a replaced secret in its grace period stops; the token and its current secret keep working', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret: old } = await t.createToken(cookie);
    const rotated = await t.request(`/api/api-keys/${apiKey.id}/rotate`, { method: 'POST', cookie, json: { gracePeriod: '24h' } });
    const { secret: current } = (await rotated.json()) as { secret: string };
    expect((await t.request('/api/auth/me', { bearer: old })).status).toBe(200);
    await report(matches(old));
    expect((await t.request('/api/auth/me', { bearer: old })).status).toBe(401);
    expect((await t.request('/api/auth/me', { bearer: current })).status).toBe(200);
    expect((await eventsOf(cookie, apiKey.id)).find((e) => e.type === 'grace_ended')).toMatchObject({ reason: 'reported_leaked', leakUrl, actor: null });
  });

  test('control characters in the place or source of a real secret are dropped, not a 5xx', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey, secret } = await t.createToken(cookie);
    const res = await report(JSON.stringify([{ token: secret, type: 'keyline_api_token', url: `${leakUrl}\u0000\n`, source: 'con\u0000tent' }]));
    expect(res.status).toBe(200);
    expect((await eventsOf(cookie, apiKey.id)).find((e) => e.type === 'revoked')?.leakUrl).toBe(leakUrl);
  });

  test('bad input after a good signature: 400 in the error envelope, never a 5xx', async () => {
    for (const body of ['not json', '{}', '[]', JSON.stringify([{ token: 1 }]), JSON.stringify([{ token: 'x'.repeat(5000), type: 't' }]), '\u0000']) {
      const res = await report(body);
      expect(res.status, body.slice(0, 20)).toBe(400);
      expect((await errorOf(res)).type).toBe('invalid_request_error');
    }
    const tooMany = JSON.stringify(Array.from({ length: 501 }, () => ({ token: 'kl', type: 't' })));
    expect((await report(tooMany)).status).toBe(400);
  });

  test('a report without any signature headers is refused', async () => {
    const res = await t.app.request('/api/secret-scanning/github', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' });
    expect(res.status).toBe(401);
  });
});
