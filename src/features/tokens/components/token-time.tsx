import { revocationReasonLabels, type ApiKey } from '../../../contract/tokens';
import { RelativeTime } from '../../../components/relative-time';
import { formatDate, formatExactTime } from '../../../lib/relative-time';
import { describeExpiry, describeLastUse, type ExpiryTone } from '../utils/token-times';

/** The day a token was made; the exact time on hover. */
export function CreatedTime({ createdAt, now }: { createdAt: string; now: Date }) {
  return (
    <RelativeTime date={createdAt} now={now}>
      {formatDate(new Date(createdAt))}
    </RelativeTime>
  );
}

/** "3 days ago", "just now" or "Never used"; the exact time on hover and on keyboard focus. */
export function LastUsedTime({ lastUsedAt, now }: { lastUsedAt: string | null; now: Date }) {
  if (!lastUsedAt) return <span className="text-zinc-600 italic dark:text-zinc-400">Never used</span>;
  return <TimeWithTooltip date={lastUsedAt}>{describeLastUse(lastUsedAt, now)}</TimeWithTooltip>;
}

const expiryClasses: Record<ExpiryTone, string> = {
  normal: 'text-zinc-700 dark:text-zinc-300',
  soon: 'font-medium text-amber-800 dark:text-amber-300',
  // Inline, cloned per line: the date and the time left may wrap onto two lines in a narrow column.
  urgent:
    'rounded-md bg-amber-50 px-1.5 py-0.5 font-medium text-amber-900 ring-1 ring-amber-200 box-decoration-clone ring-inset dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
  expired: 'text-zinc-600 dark:text-zinc-400',
};

/**
 * A token's end as a date people can plan by, with how far off it is beside it, visible without hover:
 * "Jan 15, 2027 · in 45 days", "Expired Nov 2, 2026", "Revoked Dec 1, 2026 by admin" (a revoked token's expiry
 * no longer matters). Warning colours as the day comes closer; the exact time on hover.
 */
export function ExpiryTime({ token, now }: { token: Pick<ApiKey, 'status' | 'expiresAt' | 'revokedAt'> & Partial<Pick<ApiKey, 'revokedBy' | 'revokedReason'>>; now: Date }) {
  if (token.status === 'revoked') {
    if (!token.revokedAt) return <span className={expiryClasses.expired}>Revoked</span>;
    return (
      <time dateTime={token.revokedAt} title={formatExactTime(new Date(token.revokedAt))} className={expiryClasses.expired}>
        Revoked <span className="whitespace-nowrap">{formatDate(new Date(token.revokedAt))}</span>
        {token.revokedBy ? <span className="whitespace-nowrap"> by {token.revokedBy.username}</span> : null}
        {token.revokedReason ? <span className="whitespace-nowrap"> · {revocationReasonLabels[token.revokedReason]}</span> : null}
      </time>
    );
  }
  const { relative, tone } = describeExpiry(token.expiresAt, now);
  const date = formatDate(new Date(token.expiresAt));
  if (token.status === 'expired' || tone === 'expired') {
    return (
      <time dateTime={token.expiresAt} title={formatExactTime(new Date(token.expiresAt))} className={expiryClasses.expired}>
        Expired <span className="whitespace-nowrap">{date}</span>
      </time>
    );
  }
  return (
    <time dateTime={token.expiresAt} title={formatExactTime(new Date(token.expiresAt))} className={expiryClasses[tone]}>
      {/* Each part stays whole; a narrow column breaks between them, not inside a date. */}
      <span className="whitespace-nowrap">{date}</span> · <span className="whitespace-nowrap">{relative}</span>
    </time>
  );
}

/**
 * A `<time>` that shows the exact timestamp on hover and on keyboard focus (a `title` alone is
 * mouse-only); screen readers get it from the description.
 */
function TimeWithTooltip({ date, children }: { date: string; children: string }) {
  const exact = formatExactTime(new Date(date));
  return (
    <span className="group relative inline-block">
      <time
        dateTime={date}
        title={exact}
        tabIndex={0}
        className="rounded-sm underline decoration-zinc-400 decoration-dotted underline-offset-4 dark:decoration-zinc-500"
      >
        {children}
        <span className="sr-only"> ({exact})</span>
      </time>
      <span
        aria-hidden="true"
        className="pointer-events-none absolute bottom-full left-0 z-10 mb-1.5 hidden w-max max-w-64 rounded-md bg-zinc-900 px-2 py-1 text-xs whitespace-normal text-white shadow-lg group-focus-within:block dark:bg-zinc-100 dark:text-zinc-900"
      >
        {exact}
      </span>
    </span>
  );
}
