import { describe, expect, test } from 'vitest';
import { useTestApp } from '../testing/test-app';
import type { RequestLogLine } from './request-log';

const t = useTestApp();

/** The request lines among everything the app logged, parsed. */
function requestLines(): RequestLogLine[] {
  return t.logs
    .map(([first]) => first)
    .filter((first): first is string => typeof first === 'string' && first.startsWith('{'))
    .map((line) => JSON.parse(line) as RequestLogLine)
    .filter((line) => line.msg === 'request');
}

describe('request log', () => {
  test('one JSON line per request with the route pattern, status, user and request id; never a secret', async () => {
    const { user } = await t.createUser('alice', { password: 'correct horse battery staple' });
    const wrong = await t.request('/api/session', { method: 'POST', json: { username: 'alice', password: 'Tr0ub4dor&3' } });
    expect(wrong.status).toBe(401);
    const signIn = await t.request('/api/session', {
      method: 'POST',
      json: { username: 'alice', password: 'correct horse battery staple' },
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    const sessionId = cookie.split('=')[1] ?? '';
    expect(sessionId).toHaveLength(43);

    const { apiKey, secret } = await t.createToken(cookie, { name: 'Deploy job' });
    const me = await t.request('/api/auth/me', { bearer: secret });
    expect(me.status).toBe(200);
    const one = await t.request(`/api/api-keys/${apiKey.id}?q=${secret}`, { cookie });
    expect(one.status).toBe(200);
    // Change the last character to a different one (a fixed 'x' would be the same 1 time in 62).
    const tampered = `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`;
    const badToken = await t.request('/api/auth/me', { bearer: tampered });
    expect(badToken.status).toBe(401);

    const lines = requestLines();
    expect(lines.map(({ method, route, status, userId }) => ({ method, route, status, userId }))).toEqual([
      { method: 'POST', route: '/api/session', status: 401, userId: null },
      { method: 'POST', route: '/api/session', status: 200, userId: user.id },
      { method: 'POST', route: '/api/api-keys', status: 201, userId: user.id },
      { method: 'GET', route: '/api/auth/me', status: 200, userId: user.id },
      { method: 'GET', route: '/api/api-keys/:id', status: 200, userId: user.id },
      { method: 'GET', route: '/api/auth/me', status: 401, userId: null },
    ]);
    for (const line of lines) {
      expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(new Set(lines.map((line) => line.requestId)).size).toBe(lines.length);
    // The id in the log is the one the client saw, so a report can be matched to its line.
    expect(lines[5]?.requestId).toBe(badToken.headers.get('X-Request-Id'));

    const everything = JSON.stringify(t.logs);
    const secretBody = secret.split('_')[2] ?? '';
    expect(secretBody.length).toBeGreaterThan(20);
    for (const forbidden of [secret, secretBody, sessionId, 'correct horse battery staple', 'Tr0ub4dor&3', apiKey.id]) {
      expect(everything).not.toContain(forbidden);
    }
  });

  test('refusals before the handler and unknown paths are logged by pattern too', async () => {
    await t.request('/api/api-keys/kl_prod_abc');
    await t.request('/api/nothing-here/kl_prod_abc');
    expect(requestLines().map(({ route, status }) => ({ route, status }))).toEqual([
      { route: '/api/api-keys/:id', status: 401 },
      { route: '/api/*', status: 404 },
    ]);
    expect(JSON.stringify(t.logs)).not.toContain('kl_prod_abc');
  });
});
