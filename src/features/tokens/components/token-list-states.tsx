import type { ReactNode } from 'react';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';

/*
 * The list's states other than rows and errors: loading, no tokens yet, nothing matches the filters.
 */

export function EmptyTokens({ action }: { action?: ReactNode }) {
  return (
    <Card className="flex flex-col items-center px-6 py-12 text-center">
      <KeyIcon />
      <p className="mt-4 text-base font-semibold text-zinc-900 dark:text-zinc-100">No tokens yet</p>
      <p className="mt-1 max-w-md text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
        Personal access tokens let your scripts, command-line tools and CI pipelines call the API as you — each with only
        the scopes it needs and an expiry date.
      </p>
      {action ? <div className="mt-6">{action}</div> : null}
    </Card>
  );
}

/** Nothing active, nothing filtered, but revoked or expired tokens exist: say so and show the way to them. */
export function NoActiveTokens({ onShowAll, action }: { onShowAll: () => void; action?: ReactNode }) {
  return (
    <Card className="flex flex-col items-center px-6 py-12 text-center">
      <p className="text-base font-semibold text-zinc-900 dark:text-zinc-100">No active tokens</p>
      <p className="mt-1 max-w-md text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
        Your other tokens are revoked or expired. Show them to see when they stopped working, or renew an expired one.
      </p>
      <div className="mt-6 flex flex-col gap-2 sm:flex-row">
        <Button variant="secondary" onClick={onShowAll}>
          Show all tokens
        </Button>
        {action}
      </div>
    </Card>
  );
}

export function NoMatches({ onClearFilters }: { onClearFilters?: () => void }) {
  return (
    <Card className="flex flex-col items-center px-6 py-12 text-center">
      <p className="text-base font-semibold text-zinc-900 dark:text-zinc-100">No tokens match these filters</p>
      <p className="mt-1 max-w-md text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
        Try another name, environment or status — or clear the filters to see your active tokens.
      </p>
      {onClearFilters ? (
        <Button variant="secondary" className="mt-6" onClick={onClearFilters}>
          Clear filters
        </Button>
      ) : null}
    </Card>
  );
}

export function TokenListSkeleton() {
  return (
    <Card className="overflow-hidden">
      <LoadingRegion label="Loading tokens…" className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {[0, 1, 2].map((row) => (
          <div key={row} className="flex items-center gap-4 px-5 py-4">
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-3 w-64 max-w-full" />
            </div>
            <Skeleton className="hidden h-5 w-20 rounded-full sm:block" />
            <Skeleton className="hidden h-4 w-24 md:block" />
            <Skeleton className="h-5 w-16 rounded-full" />
          </div>
        ))}
      </LoadingRegion>
    </Card>
  );
}

function KeyIcon() {
  return (
    <span className="flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-950 dark:text-indigo-300">
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-6">
        <circle cx="8" cy="15" r="4" />
        <path d="M10.8 12.2 19 4m-3 3 2.5 2.5M14 9l2 2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </span>
  );
}
