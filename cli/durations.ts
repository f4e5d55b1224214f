import { CliError } from './errors';

const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `7d`, `12h`, `30m`, `2w` → milliseconds; a bare number is days. */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d{1,5})([mhdw]?)$/.exec(text.trim());
  if (!match) throw new CliError('usage', `${option} takes a duration such as 7d, 12h or 30m, not "${text}".`);
  const unit = (match[2] || 'd') as keyof typeof unitMs;
  return Number(match[1]) * unitMs[unit];
}

/** A token's lifetime in whole days (`30d`, `2w`, `30`), as the API takes it. */
export function parseExpiryDays(text: string): number {
  const ms = parseDuration(text, '--expires');
  if (ms < unitMs.d || ms % unitMs.d !== 0) throw new CliError('usage', `--expires takes whole days such as 30d or 2w, not "${text}".`);
  return ms / unitMs.d;
}

/** `in 3 days`, `in 5 hours`, `2 days ago`: for people, next to the exact time. */
export function relativeTime(target: Date, now: Date): string {
  const diff = target.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
  if (abs >= unitMs.d) return format.format(Math.round(diff / unitMs.d), 'day');
  if (abs >= unitMs.h) return format.format(Math.round(diff / unitMs.h), 'hour');
  return format.format(Math.round(diff / unitMs.m), 'minute');
}
