import { memo, useDeferredValue, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ApiKey } from '../../../contract/tokens';
import type { Environment } from '../../../contract/policy';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { CardLabel } from '../../../components/ui/card-label';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { cx } from '../../../lib/variants';
import { tokenDetailPath } from '../utils/expiry-warnings';
import { EnvironmentBadge } from './environment-badge';
import { ScopeList } from './scope-list';
import { TokenStatusBadges } from './token-status-badge';
import { CreatedTime, ExpiryTime, LastUsedTime } from './token-time';

type TokenListProps = {
  tokens: readonly ApiKey[] | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  /** True while a retry is under way. */
  isRetrying?: boolean;
  now: Date;
  /** The policy's environments, for each token's environment badge. */
  environments?: readonly Environment[];
  /** The list is narrowed by filters: an empty answer means "nothing matches", not "no tokens". */
  isFiltered?: boolean;
  onClearFilters?: () => void;
  /** Shown in the empty state, e.g. the "Create token" button. */
  emptyAction?: ReactNode;
  /** Offered on each active token. */
  onRevoke?: (token: ApiKey) => void;
  /** Offered on each active token ("Rotate") and each expired one ("Renew"). */
  onRotate?: (token: ApiKey) => void;
  /** Showing the previous answer while a new one (other filters) loads. */
  isRefreshing?: boolean;
};

/**
 * My tokens with their loading, empty, no-match and error states. One table for every width: a wide
 * table where there is room, stacked cards where there isn't (a container query on the card).
 */
export function TokenList({
  tokens,
  isPending,
  error,
  onRetry,
  isRetrying = false,
  now,
  environments,
  isFiltered = false,
  onClearFilters,
  emptyAction,
  onRevoke,
  onRotate,
  isRefreshing = false,
}: TokenListProps) {
  // The first rows that fill the screen render at once; the rest of a page follows in a deferred,
  // interruptible render, so neither the first rows nor a keystroke wait for all fifty.
  const shownCount = useDeferredValue(tokens?.length ?? 0, firstRenderRows);
  if (isPending) return <TokenListSkeleton />;

  if (!tokens) {
    const { title, message } = describeLoadError(error);
    return (
      <Alert
        tone="error"
        title={title}
        action={
          <Button variant="secondary" size="sm" onClick={onRetry} disabled={isRetrying}>
            {isRetrying ? 'Trying again…' : 'Try again'}
          </Button>
        }
      >
        {message}
      </Alert>
    );
  }

  if (tokens.length === 0) {
    return isFiltered ? <NoMatches onClearFilters={onClearFilters} /> : <EmptyTokens action={emptyAction} />;
  }

  return (
    <Card className="@container overflow-hidden">
      <table role="table" aria-busy={isRefreshing || undefined} className="w-full text-left text-sm @max-4xl:block">
        <thead
          role="rowgroup"
          className="bg-zinc-50 text-xs font-medium text-zinc-600 @max-4xl:sr-only dark:bg-zinc-900 dark:text-zinc-400"
        >
          <tr role="row" className="border-b border-zinc-200 dark:border-zinc-800">
            <th role="columnheader" scope="col" className="py-3 pr-3 pl-5 font-medium">Name</th>
            <th role="columnheader" scope="col" className="px-3 py-3 font-medium">Environment</th>
            <th role="columnheader" scope="col" className="px-3 py-3 font-medium">Scopes</th>
            <th role="columnheader" scope="col" className="px-3 py-3 font-medium">Last used</th>
            <th role="columnheader" scope="col" className="px-3 py-3 font-medium">Expires</th>
            <th role="columnheader" scope="col" className="px-3 py-3 font-medium">Status</th>
            <th role="columnheader" scope="col" className="py-3 pr-5 pl-3 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup" className="divide-y divide-zinc-200 @max-4xl:block dark:divide-zinc-800">
          {tokens.slice(0, Math.max(shownCount, firstRenderRows)).map((token) => (
            <TokenRow
              key={token.id}
              token={token}
              now={now}
              environments={environments}
              onRevoke={onRevoke}
              onRotate={onRotate}
            />
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** About a screenful of rows. */
const firstRenderRows = 20;

function describeLoadError(error: unknown): { title: string; message: string } {
  if (!isApiError(error)) return { title: 'We couldn’t load your tokens.', message: 'Something went wrong. Try again in a moment.' };
  switch (error.type) {
    case 'permission_error':
      return { title: 'You don’t have permission to see these tokens.', message: error.message };
    case 'rate_limit_error':
      return {
        title: 'Too many requests.',
        message: error.retryAfter ? `Keyline asked us to wait ${error.retryAfter} s before trying again.` : error.message,
      };
    case 'network_error':
      return { title: 'We couldn’t reach Keyline.', message: 'Check your connection, then try again.' };
    default:
      return { title: 'We couldn’t load your tokens.', message: error.message };
  }
}


const cell = 'px-3 py-3 align-top @max-4xl:block @max-4xl:p-0';

/**
 * Memoized: a filter change, a "Load more" or a revoke re-renders the list, and only rows whose token
 * (or the minute) changed need to render again. The callbacks are state setters, stable across renders.
 */
const TokenRow = memo(function TokenRow({
  token,
  now,
  environments,
  onRevoke,
  onRotate,
}: {
  token: ApiKey;
  now: Date;
  environments: readonly Environment[] | undefined;
  onRevoke?: (token: ApiKey) => void;
  onRotate?: (token: ApiKey) => void;
}) {
  const revoked = token.status === 'revoked';
  const muted = token.status !== 'active';
  return (
    <tr
      role="row"
      data-status={token.status}
      className={cx(
        '@max-4xl:grid @max-4xl:grid-cols-2 @max-4xl:gap-x-4 @max-4xl:gap-y-3 @max-4xl:px-4 @max-4xl:py-4 @lg:@max-4xl:grid-cols-3',
        revoked && 'bg-zinc-50 dark:bg-zinc-950/60',
        token.status === 'expired' && 'bg-zinc-50/70 text-zinc-600 dark:bg-zinc-950/40',
      )}
    >
      <th
        role="rowheader"
        scope="row"
        className="min-w-52 py-3 pr-3 pl-5 align-top font-normal @max-4xl:order-first @max-4xl:col-span-1 @max-4xl:block @max-4xl:min-w-0 @max-4xl:p-0 @lg:@max-4xl:col-span-2"
      >
        <span
          className={cx(
            'block font-medium break-words',
            muted ? 'text-zinc-600 dark:text-zinc-400' : 'text-zinc-900 dark:text-zinc-100',
            revoked && 'line-through decoration-zinc-400',
          )}
        >
          <Link
            to={tokenDetailPath(token.id)}
            className="rounded-sm underline-offset-4 hover:text-indigo-700 hover:underline dark:hover:text-indigo-300"
          >
            {token.name}
          </Link>
        </span>
        {token.description ? (
          <span className="mt-0.5 block break-words text-zinc-600 dark:text-zinc-400">{token.description}</span>
        ) : null}
        <span className="mt-1 flex flex-wrap gap-x-2 text-xs text-zinc-600 dark:text-zinc-400">
          <code className="font-mono">{token.hint}</code>
          <span>
            {/* Created lives here rather than in a column of its own: the table stays narrow enough to fit. */}
            Created <CreatedTime createdAt={token.createdAt} now={now} />
          </span>
        </span>
      </th>
      <td role="cell" className={cell}>
        <EnvironmentBadge id={token.environment} environments={environments} />
      </td>
      <td role="cell" className={cx(cell, '@max-4xl:col-span-full')}>
        <CardLabel>Scopes</CardLabel>
        <ScopeList scopes={token.scopes} collapseAfter={3} className="max-w-72 @max-4xl:max-w-none" />
      </td>
      <td role="cell" className={cx(cell, 'whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300')}>
        <CardLabel>Last used</CardLabel>
        <LastUsedTime lastUsedAt={token.lastUsedAt} now={now} />
      </td>
      <td role="cell" className={cx(cell, 'whitespace-nowrap tabular-nums')}>
        <CardLabel>Expires</CardLabel>
        <ExpiryTime token={token} now={now} />
      </td>
      <td role="cell" className={cx(cell, '@max-4xl:-order-1 @max-4xl:justify-self-end')}>
        <span className="inline-flex flex-wrap items-center gap-1">
          <TokenStatusBadges token={token} now={now} />
        </span>
      </td>
      <td role="cell" className={cx(cell, 'pr-5 text-right @max-4xl:self-end @max-4xl:justify-self-end @max-4xl:whitespace-nowrap')}>
        {token.status !== 'revoked' && onRotate ? (
          <button
            type="button"
            aria-label={`${token.status === 'expired' ? 'Renew' : 'Rotate'} ${token.name}`}
            onClick={() => onRotate(token)}
            className={cx(
              'inline-flex h-8 items-center rounded-lg px-3 text-sm font-medium transition-colors',
              'text-indigo-700 hover:bg-indigo-50 hover:text-indigo-900 dark:text-indigo-300 dark:hover:bg-indigo-950 dark:hover:text-indigo-100',
            )}
          >
            {token.status === 'expired' ? 'Renew' : 'Rotate'}
          </button>
        ) : null}
        {token.status === 'active' && onRevoke ? (
          <button
            type="button"
            aria-label={`Revoke ${token.name}`}
            onClick={() => onRevoke(token)}
            className="inline-flex h-8 items-center rounded-lg px-3 text-sm font-medium text-red-700 transition-colors hover:bg-red-50 hover:text-red-800 dark:text-red-300 dark:hover:bg-red-950 dark:hover:text-red-200"
          >
            Revoke
          </button>
        ) : null}
      </td>
    </tr>
  );
});

function EmptyTokens({ action }: { action?: ReactNode }) {
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

function NoMatches({ onClearFilters }: { onClearFilters?: () => void }) {
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

function TokenListSkeleton() {
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
