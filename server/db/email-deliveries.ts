import type { Queryable } from './database';

/** Someone who may hear about a token by email, with what they chose. */
export type NoticeRecipient = { id: string; username: string; email: string | null; expiryEmails: boolean };

/**
 * Who hears about a token by email: the people responsible for its owner — the person, or a service
 * account's managers — while not deactivated. The one place this is decided.
 */
export async function findNoticeRecipients(db: Queryable, ownerId: string): Promise<NoticeRecipient[]> {
  return db.query<NoticeRecipient>(
    `WITH responsible (user_id) AS (
       SELECT $1::text
       UNION SELECT m.user_id FROM service_account_managers m WHERE m.service_account_id = $1
     )
     SELECT u.id, u.username, p.email, COALESCE(p.expiry_emails, true) AS "expiryEmails"
     FROM responsible r JOIN users u ON u.id = r.user_id LEFT JOIN notification_preferences p ON p.user_id = u.id
     WHERE u.status <> 'deactivated' AND u.kind = 'person'
     ORDER BY u.id`,
    [ownerId],
  );
}

export type NewEmail = {
  eventId: string;
  userId: string;
  eventType: string;
  to: string;
  subject: string;
  text: string;
  html: string;
};

/** Queues one email, due now; an event already queued for that person (a redispatch) is not queued twice. */
export async function enqueueEmail(db: Queryable, email: NewEmail, now: Date, giveUpAfter: Date): Promise<void> {
  await db.query(
    `INSERT INTO email_deliveries (id, event_id, user_id, event_type, to_address, subject, text_body, html_body, status, created_at, give_up_after, next_attempt_at)
     VALUES ('eml_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $8)
     ON CONFLICT ON CONSTRAINT email_deliveries_once DO NOTHING`,
    [email.eventId, email.userId, email.eventType, email.to, email.subject, email.text, email.html, now, giveUpAfter],
  );
}

export type ClaimedEmail = {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
  give_up_after: Date;
};

/**
 * Takes up to `limit` due emails and leases them until `leaseUntil`: another instance skips them
 * (SKIP LOCKED while this statement runs, then the lease), so one instance sends each attempt. A
 * process that dies mid-send leaves the lease to run out and the email to be sent again (at least once).
 */
export async function claimDueEmails(db: Queryable, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedEmail[]> {
  return db.query<ClaimedEmail>(
    `WITH due AS (
       SELECT id FROM email_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
       ORDER BY next_attempt_at LIMIT $3
       FOR UPDATE SKIP LOCKED
     )
     UPDATE email_deliveries d SET next_attempt_at = $2 FROM due WHERE d.id = due.id
     RETURNING d.id, d.to_address, d.subject, d.text_body, d.html_body, d.attempts, d.give_up_after`,
    [now, leaseUntil, limit],
  );
}

export async function recordEmailAttempt(
  db: Queryable,
  id: string,
  outcome: { at: Date; status: 'pending' | 'sent' | 'failed'; nextAttemptAt: Date | null; error: string | null },
): Promise<void> {
  await db.query(
    `UPDATE email_deliveries SET attempts = attempts + 1, last_attempt_at = $2, status = $3, next_attempt_at = $4, error = $5 WHERE id = $1`,
    [id, outcome.at, outcome.status, outcome.nextAttemptAt, outcome.error],
  );
}

/** The emails queued, oldest first (tests and the operator's eye). */
export async function listEmails(db: Queryable) {
  return db.query<{ id: string; event_type: string; to_address: string; status: string; attempts: number; error: string | null }>(
    'SELECT id, event_type, to_address, status, attempts, error FROM email_deliveries ORDER BY created_at, id',
  );
}
