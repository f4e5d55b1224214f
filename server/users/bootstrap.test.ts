import { describe, expect, test } from 'vitest';
import { useTestApp } from '../testing/test-app';
import { ensureAdminUser } from './bootstrap';

const t = useTestApp();

describe('first start', () => {
  test('creates admin with a generated password, printed once, that signs in', async () => {
    const first = await ensureAdminUser(t.db, { adminPassword: undefined, now: t.clock.now() });
    expect(first.created).toBe(true);
    expect(first.generatedPassword).toMatch(/^[\w-]{20}$/);
    const res = await t.request('/api/session', {
      method: 'POST',
      json: { username: 'admin', password: first.generatedPassword },
    });
    expect(await res.json()).toMatchObject({ user: { username: 'admin', role: 'admin' } });

    expect(await ensureAdminUser(t.db, { adminPassword: undefined, now: t.clock.now() })).toEqual({
      created: false,
      generatedPassword: null,
    });
  });

  test('uses KEYLINE_ADMIN_PASSWORD when given, and does not echo it', async () => {
    expect(await ensureAdminUser(t.db, { adminPassword: 'from-env-123', now: t.clock.now() })).toEqual({
      created: true,
      generatedPassword: null,
    });
    const res = await t.request('/api/session', { method: 'POST', json: { username: 'admin', password: 'from-env-123' } });
    expect(res.status).toBe(200);
  });

  test('a database with only members (added by user:add before the first start) still gets its admin', async () => {
    await t.createUser('maria', { role: 'member' });
    const result = await ensureAdminUser(t.db, { adminPassword: 'from-env-123', now: t.clock.now() });
    expect(result.created).toBe(true);
  });
});
