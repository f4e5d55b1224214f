import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { notificationPreferencesSchema } from '../../src/contract/notification-preferences';
import { listEmails } from '../db/email-deliveries';
import { useTestApp } from '../testing/test-app';
import { startSmtpServer } from './email-test-server';
import { createNotifications } from './notifications';

const t = useTestApp();
const publicUrl = 'https://keyline.example';
const day = 24 * 60 * 60 * 1000;
const minute = 60 * 1000;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(() => {
  smtp.received.length = 0;
  smtp.raw.length = 0;
  smtp.refused.length = 0;
  smtp.refuseNext(0);
});

/** A worker as server/index.ts starts one when KEYLINE_SMTP_URL is set (or, with `smtp: undefined`, when it is not). */
const worker = (settings: { smtp?: { url: string; from: string } } = { smtp: { url: smtp.url, from: 'Keyline <keyline@keyline.example>' } }) =>
  createNotifications({ db: t.db, clock: t.clock, logger: t.logger, hmacSecret: t.config.hmacSecret, publicUrl, allowPrivateAddresses: false, timeoutMs: 2000, ...settings });

async function setPreferences(cookie: string, json: { email: string | null; expiryEmails: boolean }) {
  const res = await t.request('/api/account/notifications', { method: 'PUT', cookie, json });
  expect(res.status, await res.clone().text()).toBe(200);
  return notificationPreferencesSchema.parse(await res.json());
}

/** alice, who gave her address, and a token of hers; the expiry watch already started. */
async function aliceWithToken(options: { expiryEmails?: boolean; expiresInDays?: number } = {}) {
  const alice = await t.signedInUser('alice');
  await setPreferences(alice.cookie, { email: 'alice@example.com', expiryEmails: options.expiryEmails ?? true });
  const w = worker();
  await w.tick(); // The first pass starts the expiry watch.
  const created = await t.createToken(alice.cookie, { name: 'CI deploy', environment: 'production', expiresInDays: options.expiresInDays ?? 40 });
  return { ...alice, token: created.apiKey, secret: created.secret, w };
}

const at = (ms: number) => t.clock.set(new Date(Date.parse('2030-01-15T12:00:00.000Z') + ms));
const textOf = (mail: ParsedMail) => mail.text ?? '';
const htmlOf = (mail: ParsedMail) => (typeof mail.html === 'string' ? mail.html : '');
const subjects = () => smtp.received.map((mail) => mail.subject);

describe('what each notice says', () => {
  test('expiring (30, 7 and 1 days) and expired: to the owner, naming the token, its environment and last use, linking to its rotate dialog', async () => {
    const { token, secret, w } = await aliceWithToken();
    // Used once, so the notices say when.
    at(2 * day);
    expect((await t.request('/api/auth/me', { bearer: secret })).status).toBe(200);

    for (const [when, subject] of [
      [10 * day + minute, 'Your token “CI deploy” expires in 30 days'],
      [33 * day + minute, 'Your token “CI deploy” expires in 7 days'],
      [39 * day + minute, 'Your token “CI deploy” expires tomorrow'],
      [40 * day + minute, 'Your token “CI deploy” has expired'],
    ] as const) {
      at(when);
      await w.tick();
      expect(smtp.received.at(-1)?.subject).toBe(subject);
    }
    expect(smtp.received).toHaveLength(4);

    const [thirty] = smtp.received;
    const rotateLink = `${publicUrl}/account/integrations/tokens/${token.id}?rotate=1`;
    expect(thirty?.to && 'value' in thirty.to ? thirty.to.value.map((to) => to.address) : []).toEqual(['alice@example.com']);
    expect(thirty?.from?.value[0]?.address).toBe('keyline@keyline.example');
    expect(thirty?.headers.get('auto-submitted')).toBe('auto-generated');
    const text = textOf(thirty!);
    expect(text).toContain('Your token “CI deploy” expires in 30 days, on 2030-02-24 12:00 UTC.');
    expect(text).toContain(`Token: CI deploy (${token.hint})`);
    expect(text).toContain('Environment: production');
    expect(text).toContain('Last used: 2030-01-17 12:00 UTC');
    expect(text).toContain(`Rotate it now: ${rotateLink}`);
    const html = htmlOf(thirty!);
    expect(html).toContain(`href="${rotateLink}"`);
    expect(html).toContain('<td style="padding:4px 16px 4px 0;vertical-align:top">production</td>');
    expect(textOf(smtp.received[3]!)).toContain(`Renew it: ${rotateLink}`);
    // Never the secret, nor any part of its random body.
    for (const raw of smtp.raw) expect(raw).not.toContain(secret.slice(8, 30));
  });

  test('revoked by an admin: the owner hears who did it', async () => {
    const { token } = await aliceWithToken();
    const admin = await t.signedInUser('root', 'admin');
    await setPreferences(admin.cookie, { email: 'root@example.com', expiryEmails: true });
    expect((await t.request('/api/admin/api-keys/revoke', { method: 'POST', cookie: admin.cookie, json: { ids: [token.id] } })).status).toBe(200);
    await worker().tick();
    expect(subjects()).toEqual(['Your token “CI deploy” was revoked']);
    const mail = smtp.received[0]!;
    expect(textOf(mail)).toContain('Your token “CI deploy” was revoked by root.');
    expect(textOf(mail)).toContain('Last used: never');
    expect(textOf(mail)).toContain(`See what happened: ${publicUrl}/account/integrations/tokens/${token.id}\n`);
  });

  test('my own revoke sends me nothing', async () => {
    const { token, cookie } = await aliceWithToken();
    expect((await t.request(`/api/api-keys/${token.id}`, { method: 'DELETE', cookie })).status).toBe(204);
    await worker().tick();
    expect(smtp.received).toEqual([]);
    expect(await listEmails(t.db)).toEqual([]);
  });

  test('leaked: one email (not a second one for the revocation it caused), saying it was revoked', async () => {
    const { secret } = await aliceWithToken();
    const res = await t.request('/api/revoke-leaked', { method: 'POST', json: { token: secret }, withoutCsrfHeader: true });
    expect(res.status).toBe(202);
    await worker().tick();
    expect(subjects()).toEqual(['Your token “CI deploy” was reported leaked']);
    expect(textOf(smtp.received[0]!)).toContain('Your token “CI deploy” was reported leaked, and Keyline revoked it at once.');
  });
});

describe('who gets them', () => {
  test('expiry reminders turned off: none for expiring or expired, but a revocation by an admin and a leak still go', async () => {
    const { secret, w } = await aliceWithToken({ expiryEmails: false });
    const other = await t.createToken((await t.signIn('alice')) || '', { name: 'Nightly', expiresInDays: 40 });
    for (const when of [10 * day + minute, 33 * day + minute, 39 * day + minute]) {
      at(when);
      await w.tick();
    }
    expect(smtp.received).toEqual([]);

    const admin = await t.signedInUser('root', 'admin');
    expect((await t.request('/api/admin/api-keys/revoke', { method: 'POST', cookie: admin.cookie, json: { ids: [other.apiKey.id] } })).status).toBe(200);
    expect((await t.request('/api/revoke-leaked', { method: 'POST', json: { token: secret }, withoutCsrfHeader: true })).status).toBe(202);
    await w.tick();
    expect(subjects().sort()).toEqual(['Your token “CI deploy” was reported leaked', 'Your token “Nightly” was revoked']);

    at(40 * day + minute);
    await w.tick();
    expect(smtp.received).toHaveLength(2);
  });

  test('a person without an address gets nothing; a username that is an address is used', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const nobody = await t.signedInUser('nobody');
    const sam = await t.signedInUser('sam@example.org');
    const w = worker();
    await w.tick();
    const tokens = [await t.createToken(nobody.cookie), await t.createToken(sam.cookie)];
    expect(
      (await t.request('/api/admin/api-keys/revoke', { method: 'POST', cookie: admin.cookie, json: { ids: tokens.map((token) => token.apiKey.id) } })).status,
    ).toBe(200);
    await w.tick();
    expect(smtp.received.map((mail) => (mail.to && 'value' in mail.to ? mail.to.value[0]?.address : null))).toEqual(['sam@example.org']);
  });

  test('a service account’s token: its managers hear, not the account (it has no inbox), and not a deactivated manager', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const mia = await t.signedInUser('mia');
    const max = await t.signedInUser('max');
    await setPreferences(mia.cookie, { email: 'mia@example.com', expiryEmails: true });
    await setPreferences(max.cookie, { email: 'max@example.com', expiryEmails: true });
    const created = await t.request('/api/service-accounts', { method: 'POST', cookie: admin.cookie, json: { name: 'release-bot', managerIds: [mia.user.id, max.user.id] } });
    expect(created.status).toBe(201);
    const { id: botId } = (await created.json()) as { id: string };
    expect((await t.request(`/api/users/${max.user.id}`, { method: 'PATCH', cookie: admin.cookie, json: { status: 'deactivated' } })).status).toBe(200);
    const w = worker();
    await w.tick();
    const { apiKey } = await t.createToken(mia.cookie, { name: 'Release', ownerId: botId });
    expect((await t.request('/api/admin/api-keys/revoke', { method: 'POST', cookie: admin.cookie, json: { ids: [apiKey.id] } })).status).toBe(200);
    await w.tick();
    expect(smtp.received.map((mail) => (mail.to && 'value' in mail.to ? mail.to.value[0]?.address : null))).toEqual(['mia@example.com']);
  });

  test('nothing is queued or sent when KEYLINE_SMTP_URL is unset', async () => {
    const alice = await t.signedInUser('alice');
    await setPreferences(alice.cookie, { email: 'alice@example.com', expiryEmails: true });
    const w = worker({});
    await w.tick();
    const { secret } = await t.createToken(alice.cookie, { expiresInDays: 40 });
    expect((await t.request('/api/revoke-leaked', { method: 'POST', json: { token: secret }, withoutCsrfHeader: true })).status).toBe(202);
    await w.tick();
    expect(await listEmails(t.db)).toEqual([]);
    // A worker with email set up later does not send what was handed on before.
    await worker().tick();
    expect(smtp.received).toEqual([]);
  });
});

describe('sending', () => {
  test('a refusal is retried after the backoff, with the same Message-ID; the mail server password is never logged', async () => {
    const { secret, w } = await aliceWithToken();
    expect((await t.request('/api/revoke-leaked', { method: 'POST', json: { token: secret }, withoutCsrfHeader: true })).status).toBe(202);
    smtp.refuseNext(1);
    await w.tick();
    expect(smtp.received).toEqual([]);
    expect(await listEmails(t.db)).toMatchObject([{ status: 'pending', attempts: 1, error: 'The mail server refused it (451 to DATA)' }]);

    // Not before the first retry (30 s), then sent.
    t.clock.advance(29_000);
    await w.tick();
    expect(smtp.received).toEqual([]);
    t.clock.advance(2_000);
    await w.tick();
    expect(subjects()).toEqual(['Your token “CI deploy” was reported leaked']);
    expect(await listEmails(t.db)).toMatchObject([{ status: 'sent', attempts: 2, error: null }]);
    const messageIdOf = (raw: string) => /^Message-ID: (.+)$/im.exec(raw)?.[1];
    expect(messageIdOf(smtp.refused[0] ?? '')).toMatch(/^<eml_\w+@keyline\.example>/);
    expect(messageIdOf(smtp.raw[0] ?? '')).toBe(messageIdOf(smtp.refused[0] ?? ''));
    await w.tick();
    expect(smtp.received).toHaveLength(1);

    const logs = JSON.stringify(t.logs);
    expect(logs).toContain('Email notice not sent');
    expect(logs).not.toContain('mail server password');
    expect(logs).not.toContain('alice@example.com');
  });

  test('a permanent refusal (5xx) fails at once: no retry', async () => {
    const { secret, w } = await aliceWithToken();
    expect((await t.request('/api/revoke-leaked', { method: 'POST', json: { token: secret }, withoutCsrfHeader: true })).status).toBe(202);
    smtp.refuseNext(1, 550);
    await w.tick();
    expect(await listEmails(t.db)).toMatchObject([{ status: 'failed', attempts: 1, error: 'The mail server refused it (550 to DATA)' }]);
    t.clock.advance(day);
    await w.tick();
    expect(smtp.received).toEqual([]);
    expect(await listEmails(t.db)).toMatchObject([{ status: 'failed', attempts: 1 }]);
  });

  test('two workers (two instances) send each email once', async () => {
    const { secret } = await aliceWithToken();
    expect((await t.request('/api/revoke-leaked', { method: 'POST', json: { token: secret }, withoutCsrfHeader: true })).status).toBe(202);
    const [a, b] = [worker(), worker()];
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    expect(smtp.received).toHaveLength(1);
  });

  test('a mail server that will not take the password: kept pending, retried, the password never logged', async () => {
    const { secret } = await aliceWithToken();
    expect((await t.request('/api/revoke-leaked', { method: 'POST', json: { token: secret }, withoutCsrfHeader: true })).status).toBe(202);
    const wrong = worker({ smtp: { url: smtp.url.replace(encodeURIComponent('mail server password'), 'wrong-password-123'), from: 'keyline@keyline.example' } });
    await wrong.tick();
    expect(smtp.received).toEqual([]);
    const [email] = await listEmails(t.db);
    expect(email).toMatchObject({ status: 'pending', attempts: 1 });
    expect(JSON.stringify(t.logs)).not.toContain('wrong-password-123');
  });
});
