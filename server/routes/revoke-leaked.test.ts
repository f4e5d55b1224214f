import { describe, expect, test } from 'vitest';
import { revokeLeakedAnswer, revokeLeakedResponseSchema } from '../../src/contract/leaks';
import { apiKeyEventListSchema } from '../../src/contract/lifecycle';
import { formatSecret } from '../../src/contract/token-format';
import { listEvents } from '../db/events';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp({ rateLimits: { revokeLeakedPerIp: { limit: 8, windowMs: 60_000 } } });

/** As a script would: curl with JSON, no cookie, no CSRF header. */
function reportLeak(token: unknown, headers: Record<string, string> = {}) {
  return t.request('/api/revoke-leaked', { method: 'POST', json: { token }, withoutCsrfHeader: true, headers });
}

async function answerOf(res: Response) {
  expect(res.status).toBe(202);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return revokeLeakedResponseSchema.parse(await res.json());
}

describe('POST /api/revoke-leaked', () => {
  test('the same 202 for a live, unknown, malformed and already revoked token; the live one is dead afterwards', async () => {
    const { cookie } = await t.signedInUser('alice');
    const live = await t.createToken(cookie, { name: 'live' });
    const gone = await t.createToken(cookie, { name: 'gone' });
    await t.request(`/api/api-keys/${gone.apiKey.id}`, { method: 'DELETE', cookie });

    const answers = [];
    for (const token of [live.secret, formatSecret('kl', 'prod', 'Q'.repeat(30)), 'ghp_not_ours', gone.secret, live.secret]) {
      answers.push(await answerOf(await reportLeak(token)));
    }
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify(revokeLeakedAnswer)]));

    expect((await t.request('/api/auth/me', { bearer: live.secret })).status).toBe(401);
    const events = apiKeyEventListSchema.parse(await (await t.request(`/api/api-keys/${live.apiKey.id}/events`, { cookie })).json()).data;
    // Reported twice, revoked once: by nobody, because of the report.
    expect(events.filter((e) => e.type === 'revoked')).toEqual([expect.objectContaining({ actor: null, reason: 'reported_leaked', leakUrl: null })]);
  });

  test('webhooks hear it: token.leaked and token.revoked with the cause leaked, once, never with the secret', async () => {
    const { cookie } = await t.signedInUser('alice');
    const live = await t.createToken(cookie, { name: 'pasted in a gist' });
    await answerOf(await reportLeak(live.secret));
    await answerOf(await reportLeak(live.secret));

    const leaked = await listEvents(t.db, 'token.leaked');
    expect(leaked.map((e) => e.data)).toEqual([
      expect.objectContaining({ token: expect.objectContaining({ id: live.apiKey.id, name: 'pasted in a gist' }), leak: { url: null, effect: 'revoked' } }),
    ]);
    const revoked = (await listEvents(t.db, 'token.revoked')).filter((e) => (e.data as { token?: { id: string } }).token?.id === live.apiKey.id);
    expect(revoked.map((e) => e.data)).toEqual([expect.objectContaining({ revocation: { cause: 'leaked' } })]);
    for (const event of [...leaked, ...revoked]) expect(JSON.stringify(event.data)).not.toContain(live.secret);
  });

  test('the secret reaches no log line, on success or on refusal', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    await reportLeak(secret);
    await reportLeak(`${secret}${'x'.repeat(600)}`);
    await t.request('/api/revoke-leaked', { method: 'POST', json: { token: secret, extra: secret }, withoutCsrfHeader: true });
    expect(t.logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(t.logs)).not.toContain(secret.slice(8));
  });

  test('bad input is a 400 in the envelope and revokes nothing', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    for (const token of [undefined, 42, '', 'x'.repeat(513), null]) {
      const res = await reportLeak(token);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).type).toBe('invalid_request_error');
    }
    const notJson = await t.app.request('/api/revoke-leaked', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"token": "${secret}"` });
    expect(notJson.status).toBe(400);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
  });

  test('limited per IP: every report counts, and past the limit the token is not even looked at', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { secret } = await t.createToken(cookie);
    const unknown = formatSecret('kl', 'prod', 'R'.repeat(30));
    for (let i = 0; i < 8; i++) await answerOf(await reportLeak(unknown));
    const limited = await reportLeak(secret);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBeTruthy();
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);
  });
});
