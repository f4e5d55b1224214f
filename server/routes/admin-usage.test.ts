import { describe, expect, test } from 'vitest';
import { adminUsageSchema } from '../../src/contract/admin';
import { addUsage, type UsageCount } from '../db/usage';
import { errorOf, testStart, useTestApp } from '../testing/test-app';

const t = useTestApp();
const hour = 60 * 60 * 1000;
const day = 24 * hour;
/** An hour `days` days before the test's start (negative: earlier). */
const at = (days: number) => new Date(testStart.getTime() + days * day);

function count(apiKeyId: string, when: Date, outcome: UsageCount['outcome'], n: number, scope = ''): UsageCount {
  return { apiKeyId, hour: new Date(when.getTime() - (when.getTime() % hour)), scope, outcome, count: n, lastAt: when };
}

describe('GET /api/admin/usage', () => {
  test('members get 403 and no numbers; bad input is a 400 that names the field', async () => {
    const { cookie: member } = await t.signedInUser('alice');
    const { cookie: admin } = await t.signedInUser('root', 'admin');
    const denied = await t.request('/api/admin/usage', { cookie: member });
    expect(denied.status).toBe(403);
    expect((await errorOf(denied)).type).toBe('permission_error');
    expect((await t.request('/api/admin/usage')).status).toBe(401);
    for (const days of ['0', '91', '1.5', 'abc', '%00', '9'.repeat(5000)]) {
      const res = await t.request(`/api/admin/usage?days=${days}`, { cookie: admin });
      expect(res.status, days.slice(0, 10)).toBe(400);
      expect((await errorOf(res)).fields).toHaveProperty('days');
    }
    expect((await t.request('/api/admin/usage?days=7&extra=1', { cookie: admin })).status).toBe(400);
  });

  test('totals per day by outcome and the ten busiest tokens, exactly as counted, older usage left out', async () => {
    const { cookie: admin } = await t.signedInUser('root', 'admin');
    const { cookie: alice } = await t.signedInUser('alice');
    const tokens = [];
    for (let i = 0; i < 12; i += 1) tokens.push((await t.createToken(alice, { name: `token ${i}` })).apiKey);
    const [busy, quiet, ...rest] = tokens;
    await addUsage(
      t.db,
      [
        count(busy!.id, at(0), 'success', 40, 'read:projects'),
        count(busy!.id, at(0), 'denied', 3, 'write:projects'),
        count(busy!.id, at(-1), 'success', 7),
        count(quiet!.id, at(-1), 'rejected', 2),
        // 29 days back is the first day of a 30-day period; 30 days back is not in it.
        count(quiet!.id, at(-29), 'success', 5),
        count(quiet!.id, at(-30), 'success', 1000),
        ...rest.map((token, i) => count(token.id, at(-2), 'success', i + 1)),
      ],
      [],
    );
    // A call made just now through the API is in the numbers too (the page writes what this process counted).
    const { secret } = await t.createToken(admin, { name: 'live' });
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);

    const res = await t.request('/api/admin/usage', { cookie: admin });
    expect(res.status).toBe(200);
    const usage = adminUsageSchema.parse(await res.json());
    expect(usage.days).toHaveLength(30);
    expect(usage.days.at(-1)).toEqual({ day: '2030-01-15', success: 41, denied: 3, rejected: 0 });
    expect(usage.days.at(-2)).toEqual({ day: '2030-01-14', success: 7, denied: 0, rejected: 2 });
    expect(usage.days.at(-3)).toEqual({ day: '2030-01-13', success: 55, denied: 0, rejected: 0 });
    expect(usage.days[0]).toEqual({ day: '2029-12-17', success: 5, denied: 0, rejected: 0 });
    expect(usage.days.reduce((sum, d) => sum + d.success + d.denied + d.rejected, 0)).toBe(41 + 3 + 7 + 2 + 55 + 5);

    expect(usage.top).toHaveLength(10);
    expect(usage.top[0]).toEqual({
      id: busy!.id,
      name: 'token 0',
      environment: 'production',
      status: 'active',
      owner: { id: busy!.owner.id, username: 'alice', kind: 'person' },
      count: 50,
    });
    expect(usage.top.map((token) => token.count)).toEqual([50, 10, 9, 8, 7, 7, 6, 5, 4, 3]);

    // A shorter period: only the last 2 days.
    const two = adminUsageSchema.parse(await (await t.request('/api/admin/usage?days=2', { cookie: admin })).json());
    expect(two.days.map((d) => d.day)).toEqual(['2030-01-14', '2030-01-15']);
    expect(two.top.map((token) => [token.name, token.count])).toEqual([
      ['token 0', 50],
      ['token 1', 2],
      ['live', 1],
    ]);
  });

  test('an empty workspace answers every day at zero and no top tokens', async () => {
    const { cookie: admin } = await t.signedInUser('root', 'admin');
    const usage = adminUsageSchema.parse(await (await t.request('/api/admin/usage?days=90', { cookie: admin })).json());
    expect(usage.days).toHaveLength(90);
    expect(usage.days.every((d) => d.success + d.denied + d.rejected === 0)).toBe(true);
    expect(usage.top).toEqual([]);
    // An admin's token is not a session: the review's numbers need one (last: the call is counted).
    const { secret } = await t.createToken(admin);
    expect((await t.request('/api/admin/usage', { bearer: secret })).status).toBe(403);
  });
});
