import { formatExactTime, formatRelativeTime } from '../lib/relative-time';

type RelativeTimeProps = {
  /** ISO timestamp. */
  date: string;
  now: Date;
  /** Replaces the relative phrase, e.g. "Expired"; the exact time stays in the tooltip. */
  children?: string;
  className?: string;
};

/** "3 days ago", with the exact time in `title` and a machine-readable `dateTime`. */
export function RelativeTime({ date, now, children, className }: RelativeTimeProps) {
  const value = new Date(date);
  return (
    <time dateTime={date} title={formatExactTime(value)} className={className}>
      {children ?? formatRelativeTime(value, now)}
    </time>
  );
}
