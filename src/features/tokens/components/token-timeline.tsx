import type { ApiKeyEvent } from '../../../contract/lifecycle';
import { LoadError } from '../../../components/load-error';
import { RelativeTime } from '../../../components/relative-time';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { cx } from '../../../lib/variants';
import { describeEvent } from '../utils/describe-event';

type TokenTimelineProps = {
  events: readonly ApiKeyEvent[] | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  /** True while a retry is under way. */
  isRetrying?: boolean;
  now: Date;
};

const dotTone: Partial<Record<ApiKeyEvent['type'], string>> = {
  revoked: 'bg-red-500',
  rejected: 'bg-amber-500',
  rotated: 'bg-indigo-500',
  grace_ended: 'bg-indigo-500',
};

/** The token's history, oldest first: who made it, where it is used from, and who still presents it dead. */
export function TokenTimeline({ events, isPending, error, onRetry, isRetrying = false, now }: TokenTimelineProps) {
  if (isPending) {
    return (
      <LoadingRegion label="Loading the timeline…" className="space-y-3">
        <Skeleton className="h-4 w-48" />
        <Skeleton className="h-4 w-64" />
      </LoadingRegion>
    );
  }
  if (!events) return <LoadError error={error} onRetry={onRetry} isRetrying={isRetrying} subject="this token’s history" />;
  return (
    <ol aria-label="Timeline" className="relative space-y-5 border-l border-zinc-200 pl-5 dark:border-zinc-800">
      {events.map((event) => {
        const { title, detail } = describeEvent(event);
        const when = event.lastAt ?? event.at;
        return (
          <li key={event.id} className="relative">
            <span
              aria-hidden="true"
              className={cx(
                'absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full ring-4 ring-white dark:ring-zinc-900',
                dotTone[event.type] ?? 'bg-zinc-400',
              )}
            />
            <p className="text-sm font-medium [overflow-wrap:anywhere] text-zinc-900 dark:text-zinc-100">{title}</p>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              <RelativeTime date={when} now={now} />
              {detail ? <> · {detail}</> : null}
            </p>
            {event.userAgent ? (
              <p className="mt-0.5 font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">{event.userAgent}</p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
