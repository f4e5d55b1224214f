import { describe, expect, test } from 'vitest';
import { notificationMessages, notificationPreferencesSchema } from '../../src/contract/notification-preferences';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp({ emailNotices: true });

async function preferencesOf(cookie: string) {
  const res = await t.request('/api/account/notifications', { cookie });
  expect(res.status).toBe(200);
  return notificationPreferencesSchema.parse(await res.json());
}

const put = (cookie: string, json: unknown) => t.request('/api/account/notifications', { method: 'PUT', cookie, json });

describe('/api/account/notifications', () => {
  test('the defaults, then what I save; a username that is an address is where notices go until I give one', async () => {
    const sam = await t.signedInUser('sam@example.org');
    expect(await preferencesOf(sam.cookie)).toEqual({ email: null, address: 'sam@example.org', expiryEmails: true, emailEnabled: true });

    const res = await put(sam.cookie, { email: 'sam.work@example.com', expiryEmails: false });
    expect(res.status).toBe(200);
    const saved = { email: 'sam.work@example.com', address: 'sam.work@example.com', expiryEmails: false, emailEnabled: true };
    expect(notificationPreferencesSchema.parse(await res.json())).toEqual(saved);
    expect(await preferencesOf(sam.cookie)).toEqual(saved);

    // Forgetting the address: back to the username.
    expect((await put(sam.cookie, { email: null, expiryEmails: false })).status).toBe(200);
    expect(await preferencesOf(sam.cookie)).toMatchObject({ email: null, address: 'sam@example.org' });

    const alice = await t.signedInUser('alice');
    expect(await preferencesOf(alice.cookie)).toMatchObject({ email: null, address: null, expiryEmails: true });
  });

  test('mine only: saving mine changes nobody else’s', async () => {
    const alice = await t.signedInUser('alice');
    const bob = await t.signedInUser('bob');
    await put(bob.cookie, { email: 'bob@example.com', expiryEmails: true });
    expect((await put(alice.cookie, { email: 'alice@example.com', expiryEmails: false })).status).toBe(200);
    expect(await preferencesOf(bob.cookie)).toMatchObject({ email: 'bob@example.com', expiryEmails: true });
  });

  test('a session only: a token cannot read or redirect its owner’s notices; signed out is 401', async () => {
    const alice = await t.signedInUser('alice');
    const { secret } = await t.createToken(alice.cookie);
    expect((await t.request('/api/account/notifications', { bearer: secret })).status).toBe(403);
    expect((await t.request('/api/account/notifications', { method: 'PUT', bearer: secret, json: { email: 'evil@example.com', expiryEmails: false } })).status).toBe(403);
    expect((await t.request('/api/account/notifications')).status).toBe(401);
    expect(await preferencesOf(alice.cookie)).toMatchObject({ email: null, expiryEmails: true });
  });

  test.each([
    ['not an address', { email: 'alice', expiryEmails: true }, { email: notificationMessages.emailInvalid }],
    ['two addresses', { email: 'a@example.com, b@example.com', expiryEmails: true }, { email: notificationMessages.emailInvalid }],
    ['a header break', { email: 'a@example.com\r\nBcc: b@example.com', expiryEmails: true }, { email: notificationMessages.emailInvalid }],
    ['a NUL byte', { email: 'a\u0000@example.com', expiryEmails: true }, { email: notificationMessages.emailInvalid }],
    ['a long one', { email: `${'a'.repeat(1_000)}@example.com`, expiryEmails: true }, { email: notificationMessages.emailTooLong }],
    ['a wrong type', { email: 42, expiryEmails: 'yes' }, { email: notificationMessages.emailInvalid, expiryEmails: 'Say whether to email expiry notices (true or false).' }],
    ['an unknown field', { email: null, expiryEmails: true, admin: true }, {}],
  ])('%s is a 400 with a clear message and changes nothing', async (_, json, fields) => {
    const alice = await t.signedInUser('alice');
    await put(alice.cookie, { email: 'alice@example.com', expiryEmails: true });
    const res = await put(alice.cookie, json);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.type).toBe('invalid_request_error');
    expect(error.fields ?? {}).toMatchObject(fields);
    expect(await preferencesOf(alice.cookie)).toMatchObject({ email: 'alice@example.com', expiryEmails: true });
  });

  test('a huge body is refused before it is read (413), never a 5xx', async () => {
    const alice = await t.signedInUser('alice');
    const res = await put(alice.cookie, { email: `${'a'.repeat(200_000)}@example.com`, expiryEmails: true });
    expect(res.status).toBe(413);
    expect(await preferencesOf(alice.cookie)).toMatchObject({ email: null });
  });

  test('a body that is not JSON is a 400', async () => {
    const alice = await t.signedInUser('alice');
    const res = await t.request('/api/account/notifications', { method: 'PUT', cookie: alice.cookie, headers: { 'Content-Type': 'application/json' }, json: undefined });
    expect(res.status).toBe(400);
  });
});
