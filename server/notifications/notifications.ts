import { expiryThresholdDays, type EventPayload, type EventType } from '../../src/contract/events';
import type { Database, Queryable } from '../db/database';
import { dispatchPendingEvents, scanExpiryThreshold, type StoredEvent } from '../db/events';
import { claimDueDeliveries, enqueueForSubscribers, recordAttempt } from '../db/webhooks';
import { errorForLog, type Clock, type Logger } from '../runtime';
import { nextAttemptAfter, retryWindowMs } from './backoff';
import { createEmailNotices, type SmtpSettings } from './email';
import { postSigned } from './send';
import { openSecret, signatureHeaders } from './signing';

export type NotificationsOptions = {
  db: Database;
  clock: Clock;
  logger: Logger;
  hmacSecret: Buffer;
  /** Origin of the links in events (the token's page). */
  publicUrl: string;
  /** KEYLINE_WEBHOOKS_ALLOW_PRIVATE: send to private, loopback and link-local addresses too. */
  allowPrivateAddresses: boolean;
  /** One attempt's limit, for the whole exchange. */
  timeoutMs?: number;
  /** KEYLINE_SMTP_URL (and _FROM): email notices to the people responsible for a token; none without it. */
  smtp?: SmtpSettings;
};

export type Notifications = {
  /** Everything due now: the expiry scan, handing events to their consumers, due deliveries. */
  tick(): Promise<void>;
  scanExpiries(): Promise<number>;
  dispatchEvents(): Promise<number>;
  deliverDue(): Promise<number>;
  /** Runs the work periodically until `stop`, which waits for the pass under way. */
  start(intervals?: { deliveriesMs?: number; expiryScanMs?: number; firstPassDelayMs?: number }): void;
  stop(): Promise<void>;
};

const eventBatch = 100;
const deliveryBatch = 10;
const expiryBatch = 500;

/** The token's page, for the links in events. */
export const tokenPageUrl = (publicUrl: string, id: string) => new URL(`/account/integrations/tokens/${encodeURIComponent(id)}`, publicUrl).toString();

/** The message every consumer sends for an outbox row: the Standard Webhooks `{ type, timestamp, data }`, with links. */
export function messageOf(event: StoredEvent, publicUrl: string): EventPayload {
  const data = event.data as EventPayload['data'];
  const token = data.token ? { ...data.token, url: tokenPageUrl(publicUrl, data.token.id) } : undefined;
  return { type: event.type as EventType, timestamp: event.occurred_at.toISOString(), data: { ...data, ...(token ? { token } : {}) } };
}

/**
 * The notification worker: started by server/index.ts (not by createApp), driven by `tick` in tests.
 * Email and leak reports hang off the same outbox: another consumer in `consumers` below.
 */
export function createNotifications(options: NotificationsOptions): Notifications {
  const { db, clock, logger, hmacSecret, publicUrl, allowPrivateAddresses } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const email = options.smtp
    ? createEmailNotices({ db, clock, logger, publicUrl, smtp: options.smtp, timeoutMs, messageOf: (event) => messageOf(event, publicUrl) })
    : null;

  /** What each consumer does with a batch of events, in the transaction that marks them dispatched. */
  const consumers: ((tx: Queryable, events: StoredEvent[], now: Date) => Promise<void>)[] = [
    async (tx, events, now) => {
      for (const event of events) {
        const message = messageOf(event, publicUrl);
        await enqueueForSubscribers(
          tx,
          { messageId: event.id, eventType: message.type as EventType, body: JSON.stringify(message) },
          now,
          new Date(now.getTime() + retryWindowMs),
        );
      }
    },
    ...(email ? [email.consume] : []),
  ];

  async function scanExpiries() {
    const now = clock.now();
    const thresholds = [...expiryThresholdDays, 0];
    let announced = 0;
    for (const [index, daysBefore] of thresholds.entries()) {
      const nextDaysBefore = thresholds[index + 1] ?? null;
      for (let pass = 0; pass < 20; pass++) {
        const result = await scanExpiryThreshold(db, { daysBefore, nextDaysBefore, now, batch: expiryBatch });
        announced += result.announced;
        if (!result.more) break;
      }
    }
    return announced;
  }

  async function dispatchEvents() {
    let total = 0;
    for (let pass = 0; pass < 20; pass++) {
      const now = clock.now();
      const count = await dispatchPendingEvents(db, now, eventBatch, async (tx, events) => {
        for (const consume of consumers) await consume(tx, events, now);
      });
      total += count;
      if (count < eventBatch) break;
    }
    return total;
  }

  async function deliverDue() {
    const now = clock.now();
    const claimed = await claimDueDeliveries(db, now, new Date(now.getTime() + timeoutMs + 60_000), deliveryBatch);
    await Promise.all(
      claimed.map(async (delivery) => {
        let secret: string;
        try {
          secret = openSecret(delivery.secret_sealed, hmacSecret);
        } catch {
          const at = clock.now();
          await recordAttempt(db, delivery.id, {
            at, status: 'failed', nextAttemptAt: null, responseStatus: null, latencyMs: null,
            error: 'The signing secret cannot be read (the server secret changed): give the endpoint a new secret',
          });
          return;
        }
        const headers = signatureHeaders(secret, delivery.message_id, clock.now(), delivery.body);
        const result = await postSigned({ url: delivery.url, headers, body: delivery.body, timeoutMs, allowPrivate: allowPrivateAddresses, now: () => performance.now() });
        const at = clock.now();
        const attempts = delivery.attempts + 1;
        const next = result.delivered ? null : nextAttemptAfter(attempts, at, delivery.give_up_after);
        await recordAttempt(db, delivery.id, {
          at,
          status: result.delivered ? 'delivered' : next ? 'pending' : 'failed',
          nextAttemptAt: next,
          responseStatus: result.responseStatus,
          latencyMs: result.latencyMs,
          error: result.error,
        });
        // Never the URL (it may carry a credential) nor the body: which endpoint, which delivery, what happened.
        if (!result.delivered) logger.warn('Webhook delivery failed', { endpoint: delivery.endpoint_id, delivery: delivery.id, attempts, status: result.responseStatus, willRetry: next !== null });
      }),
    );
    return claimed.length + (email ? await email.deliverDue() : 0);
  }

  async function tick() {
    await scanExpiries();
    await dispatchEvents();
    await deliverDue();
  }

  const timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  /** One pass at a time per process; a failed pass is logged and the next one tries again. */
  const run = (work: () => Promise<unknown>, what: string) => {
    if (stopped) return;
    running = running.then(work).catch((error: unknown) => logger.error(`Notifications: ${what} failed`, errorForLog(error)));
  };

  return {
    tick,
    scanExpiries,
    dispatchEvents,
    deliverDue,
    start({ deliveriesMs = 2_000, expiryScanMs = 60_000, firstPassDelayMs = 1_000 } = {}) {
      // Not at once: a first pass takes the database for a few hundred milliseconds, and a server that has
      // just started should answer its first requests before that.
      timers.push(setTimeout(() => run(tick, 'first pass'), firstPassDelayMs));
      timers.push(setInterval(() => run(async () => (await dispatchEvents(), await deliverDue()), 'delivery'), deliveriesMs));
      timers.push(setInterval(() => run(scanExpiries, 'expiry scan'), expiryScanMs));
      for (const timer of timers) timer.unref();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await running;
      email?.close();
    },
  };
}
