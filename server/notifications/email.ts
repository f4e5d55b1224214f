import { eventPayloadSchema } from '../../src/contract/events';
import { noticeAddressOf, sendsEmailNoticeTo } from '../../src/contract/notification-preferences';
import type { Database, Queryable } from '../db/database';
import { claimDueEmails, enqueueEmail, findNoticeRecipients, recordEmailAttempt } from '../db/email-deliveries';
import type { StoredEvent } from '../db/events';
import type { Clock, Logger } from '../runtime';
import { nextAttemptAfter, retryWindowMs } from './backoff';
import { renderEmailNotice } from './email-notice';
import { createEmailTransport, type EmailTransport } from './email-transport';

/** KEYLINE_SMTP_URL and KEYLINE_SMTP_FROM. */
export type SmtpSettings = { url: string; from: string };

export type EmailNotices = {
  /** The outbox consumer: queues the emails an event's batch calls for, in the dispatch transaction. */
  consume(tx: Queryable, events: StoredEvent[], now: Date): Promise<void>;
  /** Sends what is due; returns how many it tried. */
  deliverDue(): Promise<number>;
  close(): void;
};

const batch = 10;

/**
 * Email notices to the people responsible for a token: queued durably when the event is handed on
 * (so a request never waits for a mail server), sent by the worker at least once, retried with the
 * webhooks' backoff, each attempt by one instance.
 */
export function createEmailNotices(options: {
  db: Database;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  messageOf: (event: StoredEvent) => unknown;
  smtp: SmtpSettings;
  timeoutMs: number;
  /** Tests hand in their own; by default the SMTP server of `smtp.url`. */
  transport?: EmailTransport;
}): EmailNotices {
  const { db, clock, logger, smtp, timeoutMs } = options;
  const transport = options.transport ?? createEmailTransport({ url: smtp.url, from: smtp.from, timeoutMs });
  const domain = new URL(options.publicUrl).hostname || 'keyline';

  async function consume(tx: Queryable, events: StoredEvent[], now: Date) {
    for (const event of events) {
      const parsed = eventPayloadSchema.safeParse(options.messageOf(event));
      const message = parsed.success ? parsed.data : null;
      const token = message?.data.token;
      if (!message || !token) continue;
      const recipients = await findNoticeRecipients(tx, token.owner.id);
      for (const recipient of recipients) {
        const to = noticeAddressOf(recipient);
        if (!to || !sendsEmailNoticeTo(message, recipient)) continue;
        const email = renderEmailNotice(message);
        await enqueueEmail(
          tx,
          { eventId: event.id, userId: recipient.id, eventType: message.type, to, ...email },
          now,
          new Date(now.getTime() + retryWindowMs),
        );
      }
    }
  }

  async function deliverDue() {
    const now = clock.now();
    // Connecting, the greeting and the exchange each have the timeout: the lease outlasts all three.
    const claimed = await claimDueEmails(db, now, new Date(now.getTime() + 3 * timeoutMs + 60_000), batch);
    // In parallel, like webhook deliveries: the whole batch is done well within the lease.
    await Promise.all(
      claimed.map(async (email) => {
        // The same Message-ID on every attempt: a mail system that got it once may drop the repeat.
        const result = await transport.send({
          to: email.to_address,
          subject: email.subject,
          text: email.text_body,
          html: email.html_body,
          messageId: `<${email.id}@${domain}>`,
        });
        const at = clock.now();
        const attempts = email.attempts + 1;
        const next = result.sent || result.permanent ? null : nextAttemptAfter(attempts, at, email.give_up_after);
        await recordEmailAttempt(db, email.id, {
          at,
          status: result.sent ? 'sent' : next ? 'pending' : 'failed',
          nextAttemptAt: next,
          error: result.sent ? null : result.error,
        });
        // Which email and what happened; never the address, the server's URL or what it said.
        if (!result.sent) logger.warn('Email notice not sent', { email: email.id, attempts, error: result.error, willRetry: next !== null });
      }),
    );
    return claimed.length;
  }

  return { consume, deliverDue, close: () => transport.close() };
}
