import { z } from 'zod/mini';
import type { EventPayload } from './events';

/**
 * Email notices (`GET` / `PUT /api/account/notifications`, a session only): where Keyline emails me
 * about my tokens, and whether it tells me before they expire. Revocation by someone else and leak
 * reports always go: they are about security, not reminders.
 */

export const notificationMessages = {
  emailInvalid: 'Enter an email address like name@example.com.',
  emailTooLong: 'That email address is too long (254 characters at most).',
} as const;

/** RFC 5321's limit on a forward path. */
export const emailAddressMaxLength = 254;

// One @, a dot in the domain, and nothing that could end a mail header or be read as a second address.
const emailAddressPattern = /^[^\s@<>()",;:\\[\]\p{Cc}]+@[^\s@<>()",;:\\[\]\p{Cc}]+\.[^\s@<>()",;:\\[\]\p{Cc}.][^\s@<>()",;:\\[\]\p{Cc}]*$/u;

export function isEmailAddress(text: string): boolean {
  return text.length <= emailAddressMaxLength && emailAddressPattern.test(text);
}

export const emailAddressSchema = z.string({ error: notificationMessages.emailInvalid }).check(
  z.maxLength(emailAddressMaxLength, notificationMessages.emailTooLong),
  z.refine(isEmailAddress, notificationMessages.emailInvalid),
);

/**
 * Where a person's notices go: the address they gave, else their username when it is an address
 * (people who sign in with their email), else nowhere.
 */
export function noticeAddressOf(person: { username: string; email: string | null }): string | null {
  if (person.email) return person.email;
  return isEmailAddress(person.username) ? person.username : null;
}

export const notificationPreferencesSchema = z.object({
  /** The address I gave; null: none given. */
  email: z.nullable(z.string()),
  /** Where notices go now (the address I gave, or my username when it is one); null: nowhere. */
  address: z.nullable(z.string()),
  /** Emails 30, 7 and 1 days before a token of mine expires, and when it has. */
  expiryEmails: z.boolean(),
  /** Whether this Keyline sends email at all (an operator set up a mail server). */
  emailEnabled: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** The whole of my preferences: `email` null (or left out of the form empty) forgets the address. */
export const updateNotificationPreferencesRequestSchema = z.strictObject({
  email: z.nullable(emailAddressSchema),
  expiryEmails: z.boolean({ error: 'Say whether to email expiry notices (true or false).' }),
});
export type UpdateNotificationPreferencesRequest = z.infer<typeof updateNotificationPreferencesRequestSchema>;

/** `expiry`: a reminder the person may turn off; `security`: always sent. */
export type EmailNoticeKind = 'expiry' | 'security';

/**
 * Which email notice an event is, or null when it sends none. A revocation is news only when
 * someone else did it; one caused by a leak report is told by its `token.leaked` notice (one email
 * per incident, not two).
 */
export function emailNoticeKindOf(event: Pick<EventPayload, 'type' | 'data'>): EmailNoticeKind | null {
  const { token, actor, revocation } = event.data;
  if (!token) return null;
  switch (event.type) {
    case 'token.expiring':
    case 'token.expired':
      return 'expiry';
    case 'token.leaked':
      return 'security';
    case 'token.revoked':
      if (revocation?.cause === 'leaked') return null;
      return revocation?.cause === 'admin' || revocation?.cause === 'owner_deactivated' || actor?.id !== token.owner.id ? 'security' : null;
    default:
      return null;
  }
}

/** Whether one person gets an event's notice: expiry reminders they may turn off, and nobody is told what they did themselves. */
export function sendsEmailNoticeTo(event: Pick<EventPayload, 'type' | 'data'>, recipient: { id: string; expiryEmails: boolean }): boolean {
  const kind = emailNoticeKindOf(event);
  if (kind === null) return false;
  if (kind === 'expiry') return recipient.expiryEmails;
  return event.data.actor?.id !== recipient.id;
}
