import { lifetimeTooLongMessage } from '../../../contract/api-key-rules';
import type { Policy } from '../../../contract/policy';
import { formatDate } from '../../../lib/relative-time';

const dayMs = 24 * 60 * 60 * 1000;

/** The lifetimes offered as one click; the policy default joins them if it is not one of these. */
export const expiryPresetDays = [7, 30, 60, 90] as const;

/** A lifetime in days from now, or the end of a calendar day picked in `<input type="date">` (`YYYY-MM-DD`). */
export type ExpiryChoice = { kind: 'days'; days: number } | { kind: 'custom'; date: string };

export type ExpiryOptions = {
  /** Day counts to offer, ascending, none above the policy maximum. */
  days: number[];
  /** True when some of the usual choices were left out because of the policy maximum. */
  capped: boolean;
  defaultChoice: ExpiryChoice;
};

export function expiryOptions({ defaultLifetimeDays, maxLifetimeDays }: { defaultLifetimeDays: number; maxLifetimeDays: number }): ExpiryOptions {
  const fallback = Math.min(defaultLifetimeDays, maxLifetimeDays);
  const days = [...new Set([...expiryPresetDays.filter((d) => d <= maxLifetimeDays), fallback])].sort((a, b) => a - b);
  return {
    days,
    capped: expiryPresetDays.some((d) => d > maxLifetimeDays),
    defaultChoice: { kind: 'days', days: fallback },
  };
}

/** `YYYY-MM-DD` of the local calendar day `date` falls on. */
export function toDateInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last millisecond of a `YYYY-MM-DD` local day, or null when the text is not a real date. */
export function endOfDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day, 23, 59, 59, 999);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date;
}

/** The `min`/`max` of the custom date input: from tomorrow to the last day the policy allows. */
export function customDateBounds(now: Date, maxLifetimeDays: number): { min: string; max: string } {
  return {
    min: toDateInputValue(new Date(now.getTime() + dayMs)),
    max: toDateInputValue(new Date(now.getTime() + maxLifetimeDays * dayMs)),
  };
}

/**
 * Why a custom date can't be used, or undefined when it can. Past the policy's limit it says what
 * the server would, and which day is the last one; the request itself is capped (see `expiryDate`).
 */
export function validateCustomDate(value: string, now: Date, policy: Policy): string | undefined {
  if (!value) return 'Pick the day the token should expire.';
  const end = endOfDay(value);
  if (!end) return 'Enter a real date.';
  const { min, max } = customDateBounds(now, policy.maxLifetimeDays);
  if (value < min) return 'Pick a day after today.';
  if (value > max) return lifetimeTooLongMessage(policy, formatDate(endOfDay(max)!));
  return undefined;
}

/**
 * When the token expires, or null for a custom day the policy does not allow. A custom date means the
 * end of that day, but never past the policy's limit: on the last allowed day that limit falls before
 * midnight, and the server would refuse.
 */
export function expiryDate(choice: ExpiryChoice, now: Date, maxLifetimeDays: number): Date | null {
  if (choice.kind === 'days') return new Date(now.getTime() + choice.days * dayMs);
  const end = endOfDay(choice.date);
  // A day outside the allowed range has no expiry: capping it would show a date the form refuses.
  const { min, max } = customDateBounds(now, maxLifetimeDays);
  if (!end || choice.date < min || choice.date > max) return null;
  return new Date(Math.min(end.getTime(), now.getTime() + maxLifetimeDays * dayMs));
}

/** The expiry part of the create request. */
export function expiryRequest(
  choice: ExpiryChoice,
  now: Date,
  maxLifetimeDays: number,
): { expiresInDays: number } | { expiresAt: string } | null {
  if (choice.kind === 'days') return { expiresInDays: choice.days };
  const date = expiryDate(choice, now, maxLifetimeDays);
  return date ? { expiresAt: date.toISOString() } : null;
}

const relativeDays = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "in 30 days", "tomorrow": whole calendar days from `now`, as people count them. */
export function daysFromNowLabel(date: Date, now: Date): string {
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(date) - startOf(now)) / dayMs);
  return relativeDays.format(days, 'day');
}
