import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { eventPayloadSchema, type EventPayload } from '../../src/contract/events';
import {
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookMessages,
  webhookWithSecretSchema,
  type WebhookWithSecret,
} from '../../src/contract/webhooks';
import { createApp } from '../app';
import { createNotifications } from '../notifications/notifications';
import { startReceiver } from '../notifications/test-receiver';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp({ webhooksAllowPrivate: true });
const publicUrl = 'https://keyline.example';
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.respondWith((response) => response.writeHead(204).end());
  // The standardwebhooks library checks the timestamp against the real time (±5 minutes).
  t.clock.set(new Date());
});

const worker = () =>
  createNotifications({ db: t.db, clock: t.clock, logger: t.logger, hmacSecret: t.config.hmacSecret, publicUrl, allowPrivateAddresses: true, timeoutMs: 2000 });

async function addWebhook(cookie: string, json: Record<string, unknown> = {}): Promise<WebhookWithSecret> {
  const res = await t.request('/api/webhooks', { method: 'POST', cookie, json: { url: receiver.url, events: ['token.created'], ...json } });
  expect(res.status, await res.clone().text()).toBe(201);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return webhookWithSecretSchema.parse(await res.json());
}

async function deliveriesOf(cookie: string, id: string) {
  const res = await t.request(`/api/webhooks/${id}/deliveries`, { cookie });
  expect(res.status).toBe(200);
  return webhookDeliveryListSchema.parse(await res.json()).data;
}

/** What the receiver got, verified by the reference library with the endpoint's secret. */
function verified(secret: string, index: number): EventPayload {
  const request = receiver.received[index];
  if (!request) throw new Error(`No request ${index}`);
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
  return eventPayloadSchema.parse(new Webhook(secret).verify(request.body, headers));
}

describe('who manages webhooks', () => {
  test('admins only, with a session: a member gets 403, nobody signed in 401, and nothing is created', async () => {
    const member = await t.signedInUser('mia');
    expect((await t.request('/api/webhooks', { cookie: member.cookie })).status).toBe(403);
    expect((await t.request('/api/webhooks', { method: 'POST', cookie: member.cookie, json: { url: receiver.url, events: ['token.created'] } })).status).toBe(403);
    expect((await t.request('/api/webhooks')).status).toBe(401);
    const admin = await t.signedInUser('root', 'admin');
    const list = webhookEndpointListSchema.parse(await (await t.request('/api/webhooks', { cookie: admin.cookie })).json());
    expect(list.data).toEqual([]);
  });
});

describe('endpoints', () => {
  test('the signing secret is shown once on create and on rotation, never in the list, and is not stored as such', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const created = await addWebhook(admin.cookie, { description: 'Pager' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.webhook).toMatchObject({ url: receiver.url, events: ['token.created'], enabled: true, description: 'Pager', secretRotatedAt: null });
    const listText = await (await t.request('/api/webhooks', { cookie: admin.cookie })).text();
    expect(listText).not.toContain(created.secret.slice(6));
    const stored = await t.db.query<{ row: string }>('SELECT row_to_json(w)::text AS row FROM webhook_endpoints w');
    expect(stored[0]?.row).not.toContain(created.secret.slice(6));
    expect(stored[0]?.row).not.toContain(Buffer.from(created.secret.slice(6), 'base64').toString('hex'));

    const rotated = await t.request(`/api/webhooks/${created.webhook.id}/secret`, { method: 'POST', cookie: admin.cookie });
    expect(rotated.status).toBe(200);
    const next = webhookWithSecretSchema.parse(await rotated.json());
    expect(next.secret).not.toBe(created.secret);
    expect(next.webhook.secretRotatedAt).not.toBeNull();

    // Deliveries are signed with the new secret from now on.
    expect((await t.request(`/api/webhooks/${created.webhook.id}/test`, { method: 'POST', cookie: admin.cookie })).status).toBe(202);
    await worker().tick();
    expect(() => verified(created.secret, 0)).toThrow();
    expect(verified(next.secret, 0)).toMatchObject({ type: 'webhook.test' });
  });

  test('bad input is a 400 or 422 with a clear message, never a 5xx, and creates nothing', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const cases: [unknown, number, Record<string, string>][] = [
      [{ url: 'not a url', events: ['token.created'] }, 400, { url: webhookMessages.urlInvalid }],
      [{ url: 'ftp://example.com/x', events: ['token.created'] }, 400, { url: webhookMessages.urlScheme }],
      [{ url: 'https://user:pw@example.com/x', events: ['token.created'] }, 400, { url: webhookMessages.urlCredentials }],
      [{ url: `https://example.com/${'a'.repeat(5000)}`, events: ['token.created'] }, 400, { url: webhookMessages.urlTooLong }],
      [{ url: 'https://example.com/x', events: [] }, 400, { events: webhookMessages.eventsRequired }],
      [{ url: 'https://example.com/x', events: ['token.eaten'] }, 400, {}],
      [{ url: 42, events: 'token.created' }, 400, {}],
      [{ url: 'https://example.com/\u0000', events: ['token.created'], description: 'x\u0000y' }, 400, {}],
      [{ url: 'https://example.com/x', events: ['token.created'], description: 'd'.repeat(1_000_000) }, 413, {}],
    ];
    for (const [json, status, fields] of cases) {
      const res = await t.request('/api/webhooks', { method: 'POST', cookie: admin.cookie, json });
      expect(res.status, JSON.stringify(json).slice(0, 80)).toBe(status);
      expect((await errorOf(res)).fields ?? {}).toMatchObject(fields);
    }
    for (const id of ['%00', 'x'.repeat(5000), 'nope']) {
      expect((await t.request(`/api/webhooks/${id}`, { method: 'PATCH', cookie: admin.cookie, json: { enabled: false } })).status).toBeLessThan(500);
      expect((await t.request(`/api/webhooks/${id}/deliveries/${id}/redeliver`, { method: 'POST', cookie: admin.cookie })).status).toBeLessThan(500);
    }
    expect(webhookEndpointListSchema.parse(await (await t.request('/api/webhooks', { cookie: admin.cookie })).json()).data).toEqual([]);
  });

  test('without KEYLINE_WEBHOOKS_ALLOW_PRIVATE, a private, loopback or link-local URL is refused with 422, by address or by name', async () => {
    const strict = createApp({ db: t.db, clock: t.clock, config: { hmacSecret: t.config.hmacSecret, logger: t.logger } });
    await t.createUser('root', { role: 'admin' });
    const signIn = await t.request('/api/session', { method: 'POST', json: { username: 'root', password: 'root-password' } });
    const cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    for (const url of [receiver.url, 'http://10.0.0.8/x', 'http://169.254.169.254/latest', 'http://[::1]/x', `http://localhost:${receiver.port}/x`]) {
      const res = await strict.request('/api/webhooks', {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/json', 'X-Requested-With': 'keyline' },
        body: JSON.stringify({ url, events: ['token.created'] }),
      });
      expect(res.status, url).toBe(422);
      expect((await errorOf(res)).fields).toEqual({ url: webhookMessages.urlPrivate });
    }
  });

  test('disable, enable and delete; another id is a 404', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const { webhook } = await addWebhook(admin.cookie);
    const off = await t.request(`/api/webhooks/${webhook.id}`, { method: 'PATCH', cookie: admin.cookie, json: { enabled: false, events: ['token.revoked', 'token.revoked'] } });
    expect(webhookEndpointSchema.parse(await off.json())).toMatchObject({ enabled: false, events: ['token.revoked'] });
    expect((await t.request(`/api/webhooks/${webhook.id}`, { method: 'DELETE', cookie: admin.cookie })).status).toBe(204);
    expect((await t.request(`/api/webhooks/${webhook.id}`, { method: 'DELETE', cookie: admin.cookie })).status).toBe(404);
    expect((await t.request(`/api/webhooks/${webhook.id}/deliveries`, { cookie: admin.cookie })).status).toBe(404);
  });
});

describe('deliveries', () => {
  test('token lifecycle events arrive signed, verified by the standardwebhooks library, with a link and never the secret', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const { secret } = await addWebhook(admin.cookie, { events: ['token.created', 'token.rotated', 'token.revoked', 'user.deactivated'] });
    const alice = await t.signedInUser('alice');
    const created = await t.createToken(alice.cookie, { name: 'deploy' });
    await t.request(`/api/api-keys/${created.apiKey.id}/rotate`, { method: 'POST', cookie: alice.cookie, json: { gracePeriod: 'none' } });
    const other = await t.createToken(alice.cookie, { name: 'nightly' });
    await t.request(`/api/api-keys/${created.apiKey.id}`, { method: 'DELETE', cookie: alice.cookie });
    await t.request('/api/admin/api-keys/revoke', { method: 'POST', cookie: admin.cookie, json: { ids: [other.apiKey.id] } });
    const third = await t.createToken(alice.cookie, { name: 'cron' });
    await t.request(`/api/users/${alice.user.id}`, { method: 'PATCH', cookie: admin.cookie, json: { status: 'deactivated' } });
    await worker().tick();

    const events = receiver.received.map((_, index) => verified(secret, index));
    // Sent side by side: receivers get no order guarantee (each carries its timestamp).
    const summary = events.map((event) => `${event.type} ${event.data.token?.name ?? event.data.user?.username} ${event.data.revocation?.cause ?? ''}`.trim());
    expect(summary.sort()).toEqual([
      'token.created cron',
      'token.created deploy',
      'token.created nightly',
      'token.revoked cron owner_deactivated',
      'token.revoked deploy owner',
      'token.revoked nightly admin',
      'token.rotated deploy',
      'user.deactivated alice',
    ]);
    const first = events.find((event) => event.type === 'token.created' && event.data.token?.name === 'deploy')!;
    expect(first.data.token).toEqual({
      id: created.apiKey.id,
      name: 'deploy',
      hint: created.apiKey.hint,
      environment: 'production',
      owner: { id: alice.user.id, username: 'alice', kind: 'person' },
      scopes: ['read:projects'],
      expiresAt: created.apiKey.expiresAt,
      lastUsedAt: null,
      url: `${publicUrl}/account/integrations/tokens/${created.apiKey.id}`,
    });
    expect(events.find((event) => event.data.revocation?.cause === 'admin')?.data.actor).toEqual({ id: admin.user.id, username: 'root' });
    for (const request of receiver.received) {
      for (const token of [created, other, third]) expect(request.body).not.toContain(token.secret.slice(8));
    }
    // Each message once: another tick sends nothing more.
    await worker().tick();
    expect(receiver.received).toHaveLength(8);
  });

  test('an endpoint gets only the events it wants, and nothing while disabled', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const { webhook } = await addWebhook(admin.cookie, { events: ['token.revoked'] });
    const alice = await t.signedInUser('alice');
    await t.createToken(alice.cookie);
    await worker().tick();
    expect(receiver.received).toHaveLength(0);
    await t.request(`/api/webhooks/${webhook.id}`, { method: 'PATCH', cookie: admin.cookie, json: { enabled: false } });
    await t.request(`/api/webhooks/${webhook.id}/test`, { method: 'POST', cookie: admin.cookie });
    await worker().tick();
    expect(receiver.received).toHaveLength(0);
    expect((await deliveriesOf(admin.cookie, webhook.id)).map((d) => d.status)).toEqual(['pending']);
  });

  test('a failing endpoint is retried with growing waits for 24 hours, then failed; the log shows it; redeliver sends the same message again', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const { webhook, secret } = await addWebhook(admin.cookie);
    receiver.respondWith((response) => response.writeHead(503).end('down'));
    const queued = webhookDeliverySchema.parse(await (await t.request(`/api/webhooks/${webhook.id}/test`, { method: 'POST', cookie: admin.cookie })).json());
    expect(queued).toMatchObject({ status: 'pending', attempts: 0, eventType: 'webhook.test' });

    const w = worker();
    const start = t.clock.now().getTime();
    const attemptTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      await w.tick();
      const [delivery] = await deliveriesOf(admin.cookie, webhook.id);
      attemptTimes.push(t.clock.now().getTime());
      if (delivery?.status !== 'pending') break;
      // Not due yet: a tick now sends nothing.
      const before = receiver.received.length;
      await w.tick();
      expect(receiver.received.length).toBe(before);
      t.clock.set(new Date(delivery.nextAttemptAt ?? ''));
    }
    const [failed] = await deliveriesOf(admin.cookie, webhook.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 9, responseStatus: 503, error: 'The endpoint answered 503', nextAttemptAt: null });
    expect(failed?.latencyMs).toBeGreaterThanOrEqual(0);
    const waits = attemptTimes.slice(1).map((at, i) => (at - attemptTimes[i]!) / 1000);
    expect(waits).toEqual([30, 120, 480, 1920, 7680, 21600, 21600, 21600]);
    expect(attemptTimes.at(-1)! - start).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
    expect(receiver.received).toHaveLength(9);

    receiver.respondWith((response) => response.writeHead(200).end());
    t.clock.set(new Date()); // Back to the real time, which the library checks the last timestamp against.
    const again = await t.request(`/api/webhooks/${webhook.id}/deliveries/${queued.id}/redeliver`, { method: 'POST', cookie: admin.cookie });
    expect(again.status).toBe(202);
    await w.tick();
    const [delivered] = await deliveriesOf(admin.cookie, webhook.id);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 10, responseStatus: 200, error: null });
    const ids = new Set(receiver.received.map((request) => request.headers['webhook-id']));
    expect(ids).toEqual(new Set([queued.messageId]));
    expect(verified(secret, 9).type).toBe('webhook.test');
  });

  test('a redelivery of another endpoint’s delivery is a 404', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const a = await addWebhook(admin.cookie);
    const b = await addWebhook(admin.cookie);
    const queued = webhookDeliverySchema.parse(await (await t.request(`/api/webhooks/${a.webhook.id}/test`, { method: 'POST', cookie: admin.cookie })).json());
    expect((await t.request(`/api/webhooks/${b.webhook.id}/deliveries/${queued.id}/redeliver`, { method: 'POST', cookie: admin.cookie })).status).toBe(404);
  });
});
