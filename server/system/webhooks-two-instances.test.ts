import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPgDatabase, type Database } from '../db/database';
import { listEvents } from '../db/events';
import { insertUser } from '../db/users';
import { enqueueDelivery, insertEndpoint } from '../db/webhooks';
import { createNotifications } from '../notifications/notifications';
import { sealSecret } from '../notifications/signing';
import { startReceiver } from '../notifications/test-receiver';
import { createServerTestDatabase } from '../testing/test-db';

/**
 * Two instances on one Postgres database, each with its own worker: every queued delivery is sent by
 * exactly one of them, every event is handed on once, every expiry announced once. Only meaningful
 * on a Postgres server (SKIP LOCKED between processes); PGlite is one process by design.
 */

const serverUrl = process.env.DATABASE_URL;
const hmacSecret = Buffer.from('two-instances-share-this-secret-0123456789', 'utf8');
const clock = { now: () => new Date() };
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

describe.skipIf(!serverUrl)('webhooks with two instances on one Postgres database (skipped: set DATABASE_URL to a Postgres server to run it)', () => {
  let dbA: Database;
  let dbB: Database;
  let drop: () => Promise<void>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    const created = await createServerTestDatabase(serverUrl ?? '');
    drop = created.drop;
    dbA = openPgDatabase(created.url);
    dbB = openPgDatabase(created.url);
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await receiver?.close();
    await dbA?.close();
    await dbB?.close();
    await drop?.();
  });

  const workerOn = (db: Database) =>
    createNotifications({ db, clock, logger: quiet, hmacSecret, publicUrl: 'https://keyline.example', allowPrivateAddresses: true, timeoutMs: 5000 });

  test('two workers draining one queue send each delivery exactly once', async () => {
    const now = clock.now();
    const admin = await insertUser(dbA, { username: 'root', passwordHash: 'unused', role: 'admin', now });
    const endpoint = await insertEndpoint(dbA, {
      url: receiver.url, description: '', events: ['token.created'], enabled: true,
      secretSealed: sealSecret('whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=', hmacSecret), createdBy: admin!.id, now,
    });
    const messages = 60;
    for (let i = 0; i < messages; i++) {
      await enqueueDelivery(dbA, endpoint.id, { messageId: `evt_${i}`, eventType: 'webhook.test', body: `{"n":${i}}` }, now, new Date(now.getTime() + 86_400_000));
    }
    // Events recorded for the dispatchers to race over too.
    for (let i = 0; i < messages; i++) await dbA.query(`SELECT keyline_record_event('token.created', now(), '{}'::jsonb)`);

    const a = workerOn(dbA);
    const b = workerOn(dbB);
    const sent = { a: 0, b: 0 };
    for (let round = 0; round < 30; round++) {
      const [sentA, sentB] = await Promise.all([a.dispatchEvents().then(() => a.deliverDue()), b.dispatchEvents().then(() => b.deliverDue())]);
      sent.a += sentA;
      sent.b += sentB;
      if (sentA + sentB === 0 && round > 0) break;
    }
    // Both really worked the queue at once; neither sent what the other had.
    expect(sent.a).toBeGreaterThan(0);
    expect(sent.b).toBeGreaterThan(0);
    expect(sent.a + sent.b).toBe(messages * 2);
    const ids = receiver.received.map((request) => String(request.headers['webhook-id']));
    expect(ids).toHaveLength(messages * 2);
    expect(new Set(ids).size).toBe(messages * 2);
    expect((await listEvents(dbA)).length).toBe(messages);
  });
});
