import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listEmails } from '../db/email-deliveries';
import { saveNotificationPreferences } from '../db/notification-preferences';
import { insertUser } from '../db/users';
import { startSmtpServer } from '../notifications/email-test-server';
import { createNotifications } from '../notifications/notifications';
import { drainWithBoth, quietLogger, sharedHmacSecret, twoPoolsOnOneDatabase, wallClock as clock } from '../testing/two-instances';

/**
 * Two instances on one Postgres database, each with its own worker and KEYLINE_SMTP_URL: every event
 * queues its email once, and every email is sent by exactly one of them. Only meaningful on a Postgres
 * server (SKIP LOCKED between processes); PGlite is one process by design.
 */

const serverUrl = process.env.DATABASE_URL;

describe.skipIf(!serverUrl)('email notices with two instances on one Postgres database (skipped: set DATABASE_URL to a Postgres server to run it)', () => {
  const pools = twoPoolsOnOneDatabase(serverUrl);
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });

  afterAll(async () => {
    await smtp?.close();
  });

  const workerOn = (db: typeof pools.a) =>
    createNotifications({
      db, clock, logger: quietLogger, hmacSecret: sharedHmacSecret, publicUrl: 'https://keyline.example', allowPrivateAddresses: false, timeoutMs: 5000,
      smtp: { url: smtp.url, from: 'keyline@keyline.example' },
    });

  test('two workers on one outbox queue each email once and send each once', async () => {
    const now = clock.now();
    const owner = await insertUser(pools.a, { username: 'ada', passwordHash: 'unused', role: 'member', now });
    await saveNotificationPreferences(pools.a, owner!.id, { email: 'ada@example.com', expiryEmails: true, now }, true);
    const events = 40;
    for (let i = 0; i < events; i++) {
      const token = {
        id: `key_${i}`, name: `Token ${i}`, hint: 'kl_prod_…a1B9', environment: 'production', scopes: [],
        owner: { id: owner!.id, username: 'ada', kind: 'person' }, expiresAt: now.toISOString(), lastUsedAt: null,
      };
      await pools.a.query(`SELECT keyline_record_event('token.expired', now(), jsonb_build_object('token', $1::jsonb, 'actor', null))`, [JSON.stringify(token)]);
    }

    const a = workerOn(pools.a);
    const b = workerOn(pools.b);
    const sent = await drainWithBoth(a, b);
    await Promise.all([a.stop(), b.stop()]);
    expect(sent.a).toBeGreaterThan(0);
    expect(sent.b).toBeGreaterThan(0);
    expect(sent.a + sent.b).toBe(events);
    const ids = smtp.received.map((mail) => mail.messageId);
    expect(ids).toHaveLength(events);
    expect(new Set(ids).size).toBe(events);
    expect((await listEmails(pools.a)).every((email) => email.status === 'sent')).toBe(true);
  });
});
