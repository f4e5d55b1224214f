import { noticeAddressOf, type NotificationPreferences } from '../../src/contract/notification-preferences';
import type { Queryable } from './database';

type PreferencesRow = { username: string; email: string | null; expiry_emails: boolean | null };

const toPreferences = (row: PreferencesRow, emailEnabled: boolean): NotificationPreferences => ({
  email: row.email,
  address: noticeAddressOf({ username: row.username, email: row.email }),
  expiryEmails: row.expiry_emails ?? true,
  emailEnabled,
});

/** A person's email notice preferences; the defaults (no address given, reminders on) until they save some. */
export async function findNotificationPreferences(db: Queryable, userId: string, emailEnabled: boolean): Promise<NotificationPreferences | null> {
  const [row] = await db.query<PreferencesRow>(
    `SELECT u.username, p.email, p.expiry_emails FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id WHERE u.id = $1`,
    [userId],
  );
  return row ? toPreferences(row, emailEnabled) : null;
}

export async function saveNotificationPreferences(
  db: Queryable,
  userId: string,
  change: { email: string | null; expiryEmails: boolean; now: Date },
  emailEnabled: boolean,
): Promise<NotificationPreferences | null> {
  await db.query(
    `INSERT INTO notification_preferences (user_id, email, expiry_emails, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, expiry_emails = EXCLUDED.expiry_emails, updated_at = EXCLUDED.updated_at`,
    [userId, change.email, change.expiryEmails, change.now],
  );
  return findNotificationPreferences(db, userId, emailEnabled);
}
