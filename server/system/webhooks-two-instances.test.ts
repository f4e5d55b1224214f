import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listEvents } from '../db/events';
import { insertUser } from '../db/users';
import { enqueueDelivery, insertEndpoint } from '../db/webhooks';
import { createNotifications } from '../notifications/notifications';
import { sealSecret } from '../notifications/signing';
import { startReceiver } from '../notifications/test-receiver';
import { drainWithBoth, quietLogger, sharedHmacSecret as hmacSecret, twoPoolsOnOneDatabase, wallClock as clock } from '../testing/two-instances';

/**
 * Two instances on one Postgres database, each with its own worker: every queued delivery is sent by
 * exactly one of them, every event is handed on once, every expiry announced once. Only meaningful
 * on a Postgres server (SKIP LOCKED between processes); PGlite is one process by design.
 */

const serverUrl = process.env.DATABASE_URL;

describe.skipIf(!serverUrl)('webhooks with two instances on one Postgres database (skipped: set DATABASE_URL to a Postgres server to run it)', () => {
  const pools = twoPoolsOnOneDatabase(serverUrl);
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await receiver?.close();
  });

  const workerOn = (db: typeof pools.a) =>
    createNotifications({ db, clock, logger: quietLogger, hmacSecret, publicUrl: 'https://keyline.example', allowPrivateAddresses: true, timeoutMs: 5000 });

  test('two workers draining one queue send each delivery exactly once', async () => {
    const now = clock.now();
    const admin = await insertUser(pools.a, { username: 'root', passwordHash: 'unused', role: 'admin', now });
    const endpoint = await insertEndpoint(pools.a, {
      url: receiver.url, description: '', events: ['token.created'], enabled: true,
      secretSealed: sealSecret('whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=', hmacSecret), createdBy: admin!.id, now,
    });
    const messages = 60;
    for (let i = 0; i < messages; i++) {
      await enqueueDelivery(pools.a, endpoint.id, { messageId: `evt_${i}`, eventType: 'webhook.test', body: `{"n":${i}}` }, now, new Date(now.getTime() + 86_400_000));
    }
    // Events recorded for the dispatchers to race over too.
    for (let i = 0; i < messages; i++) await pools.a.query(`SELECT keyline_record_event('token.created', now(), '{}'::jsonb)`);

    const a = workerOn(pools.a);
    const b = workerOn(pools.b);
    const sent = await drainWithBoth(a, b);
    // Both really worked the queue at once; neither sent what the other had.
    expect(sent.a).toBeGreaterThan(0);
    expect(sent.b).toBeGreaterThan(0);
    expect(sent.a + sent.b).toBe(messages * 2);
    const ids = receiver.received.map((request) => String(request.headers['webhook-id']));
    expect(ids).toHaveLength(messages * 2);
    expect(new Set(ids).size).toBe(messages * 2);
    expect((await listEvents(pools.a)).length).toBe(messages);
  });
});
