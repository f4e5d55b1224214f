const locale = 'en';

const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
const exactFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'long' });

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

const units: { unit: Intl.RelativeTimeFormatUnit; ms: number; below: number }[] = [
  { unit: 'minute', ms: minute, below: hour },
  { unit: 'hour', ms: hour, below: day },
  // Days up to six weeks: a 30-day token reads "in 30 days", as it was made, not "next month".
  { unit: 'day', ms: day, below: 45 * day },
  { unit: 'month', ms: 30 * day, below: 365 * day },
  { unit: 'year', ms: 365 * day, below: Number.POSITIVE_INFINITY },
];

/** "3 days ago", "in 12 days", "yesterday", "now" — relative to the injected `now`. */
export function formatRelativeTime(date: Date, now: Date): string {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < minute) return relativeFormat.format(0, 'second');
  const { unit, ms } = units.find((u) => abs < u.below) ?? units[units.length - 1]!;
  return relativeFormat.format(Math.round(diff / ms), unit);
}

/** A moment that has passed: "just now" under a minute, then "5 minutes ago", "3 days ago"… */
export function formatTimeAgo(date: Date, now: Date): string {
  return Math.abs(now.getTime() - date.getTime()) < minute ? 'just now' : formatRelativeTime(date, now);
}

/** "Mar 3, 2026" */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** The full timestamp, for a `title`: "March 3, 2026 at 2:15:00 PM UTC". */
export function formatExactTime(date: Date): string {
  return exactFormat.format(date);
}
