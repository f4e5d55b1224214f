import { formatRelativeTime, formatTimeAgo } from '../../../lib/relative-time';

const minuteMs = 60_000;
const weekMs = 7 * 24 * 60 * minuteMs;

/** "just now" under a minute, then "5 minutes ago", "3 days ago"…; `null` means never used. */
export function describeLastUse(lastUsedAt: string | null, now: Date): string {
  if (!lastUsedAt) return 'Never used';
  return formatTimeAgo(new Date(lastUsedAt), now);
}

export type ExpiryTone = 'normal' | 'soon' | 'urgent' | 'expired';

/**
 * How an expiry reads: "Expired", "Expires today", "Expires tomorrow" (in calendar days, in the
 * viewer's time zone), otherwise "in 12 days". `soon` (within a week) and `urgent` are warnings.
 */
export function describeExpiry(expiresAt: string, now: Date): { label: string; tone: ExpiryTone } {
  const date = new Date(expiresAt);
  const diff = date.getTime() - now.getTime();
  if (diff <= 0) return { label: 'Expired', tone: 'expired' };
  const days = calendarDaysBetween(now, date);
  if (days === 0) return { label: 'Expires today', tone: 'urgent' };
  if (days === 1) return { label: 'Expires tomorrow', tone: 'urgent' };
  return { label: formatRelativeTime(date, now), tone: diff < weekMs ? 'soon' : 'normal' };
}

function calendarDaysBetween(from: Date, to: Date): number {
  const start = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
  const end = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
  return Math.round((end - start) / (24 * 60 * minuteMs));
}
