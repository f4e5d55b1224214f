import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPgDatabase, type Database } from '../db/database';
import { listEmails } from '../db/email-deliveries';
import { saveNotificationPreferences } from '../db/notification-preferences';
import { insertUser } from '../db/users';
import { startSmtpServer } from '../notifications/email-test-server';
import { createNotifications } from '../notifications/notifications';
import { createServerTestDatabase } from '../testing/test-db';

/**
 * Two instances on one Postgres database, each with its own worker and KEYLINE_SMTP_URL: every event
 * queues its email once, and every email is sent by exactly one of them. Only meaningful on a Postgres
 * server (SKIP LOCKED between processes); PGlite is one process by design.
 */

const serverUrl = process.env.DATABASE_URL;
const hmacSecret = Buffer.from('two-instances-share-this-secret-0123456789', 'utf8');
const clock = { now: () => new Date() };
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

describe.skipIf(!serverUrl)('email notices with two instances on one Postgres database (skipped: set DATABASE_URL to a Postgres server to run it)', () => {
  let dbA: Database;
  let dbB: Database;
  let drop: () => Promise<void>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    const created = await createServerTestDatabase(serverUrl ?? '');
    drop = created.drop;
    dbA = openPgDatabase(created.url);
    dbB = openPgDatabase(created.url);
    smtp = await startSmtpServer();
  });

  afterAll(async () => {
    await smtp?.close();
    await dbA?.close();
    await dbB?.close();
    await drop?.();
  });

  const workerOn = (db: Database) =>
    createNotifications({
      db, clock, logger: quiet, hmacSecret, publicUrl: 'https://keyline.example', allowPrivateAddresses: false, timeoutMs: 5000,
      smtp: { url: smtp.url, from: 'keyline@keyline.example' },
    });

  test('two workers on one outbox queue each email once and send each once', async () => {
    const now = clock.now();
    const owner = await insertUser(dbA, { username: 'ada', passwordHash: 'unused', role: 'member', now });
    await saveNotificationPreferences(dbA, owner!.id, { email: 'ada@example.com', expiryEmails: true, now }, true);
    const events = 40;
    for (let i = 0; i < events; i++) {
      const token = {
        id: `key_${i}`, name: `Token ${i}`, hint: 'kl_prod_…a1B9', environment: 'production', scopes: [],
        owner: { id: owner!.id, username: 'ada', kind: 'person' }, expiresAt: now.toISOString(), lastUsedAt: null,
      };
      await dbA.query(`SELECT keyline_record_event('token.expired', now(), jsonb_build_object('token', $1::jsonb, 'actor', null))`, [JSON.stringify(token)]);
    }

    const a = workerOn(dbA);
    const b = workerOn(dbB);
    const sent = { a: 0, b: 0 };
    for (let round = 0; round < 30; round++) {
      const [sentA, sentB] = await Promise.all([a.dispatchEvents().then(() => a.deliverDue()), b.dispatchEvents().then(() => b.deliverDue())]);
      sent.a += sentA;
      sent.b += sentB;
      if (sentA + sentB === 0 && round > 0) break;
    }
    await Promise.all([a.stop(), b.stop()]);
    expect(sent.a).toBeGreaterThan(0);
    expect(sent.b).toBeGreaterThan(0);
    expect(sent.a + sent.b).toBe(events);
    const ids = smtp.received.map((mail) => mail.messageId);
    expect(ids).toHaveLength(events);
    expect(new Set(ids).size).toBe(events);
    expect((await listEmails(dbA)).every((email) => email.status === 'sent')).toBe(true);
  });
});
