import { formatRelativeTime, formatTimeAgo } from '../../../lib/relative-time';
import { isSoon } from './expiry-warnings';

const minuteMs = 60_000;

/** "just now" under a minute, then "5 minutes ago", "3 days ago"…; `null` means never used. */
export function describeLastUse(lastUsedAt: string | null, now: Date): string {
  if (!lastUsedAt) return 'Never used';
  return formatTimeAgo(new Date(lastUsedAt), now);
}

export type ExpiryTone = 'normal' | 'soon' | 'urgent' | 'expired';

/**
 * How an expiry reads: `label` on its own ("Expired", "Expires today", "Expires tomorrow", "in 12 days"),
 * `relative` beside its date ("today", "tomorrow", "in 12 days"; calendar days in the viewer's time
 * zone). `soon` (the banner's window) and `urgent` are warnings.
 */
export function describeExpiry(expiresAt: string, now: Date): { label: string; relative: string; tone: ExpiryTone } {
  const date = new Date(expiresAt);
  const diff = date.getTime() - now.getTime();
  if (diff <= 0) return { label: 'Expired', relative: formatRelativeTime(date, now), tone: 'expired' };
  const days = calendarDaysBetween(now, date);
  if (days === 0) return { label: 'Expires today', relative: 'today', tone: 'urgent' };
  if (days === 1) return { label: 'Expires tomorrow', relative: 'tomorrow', tone: 'urgent' };
  const relative = formatRelativeTime(date, now);
  return { label: relative, relative, tone: isSoon(diff) ? 'soon' : 'normal' };
}

function calendarDaysBetween(from: Date, to: Date): number {
  const start = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
  const end = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
  return Math.round((end - start) / (24 * 60 * minuteMs));
}
