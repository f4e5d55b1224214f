import type { AdminApiKey } from '../../../contract/admin';
import type { Environment } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { LoadError } from '../../../components/load-error';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { AdminTokenTable } from './admin-token-table';

const count = new Intl.NumberFormat('en');

type AdminReviewResultsProps = {
  /** The loaded pages' rows; `undefined` until the first page has arrived (or when it failed). */
  tokens: readonly AdminApiKey[] | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  isRetrying: boolean;
  /** Showing the previous view's rows while this one loads. */
  isRefreshing: boolean;
  /** Filters are set: an empty answer means "nothing matches", not "no tokens". */
  isNarrowed: boolean;
  onShowAll: () => void;
  /** How many tokens match, once counted. */
  matchingTotal: number | undefined;
  hasMore: boolean;
  isLoadingMore: boolean;
  loadMoreFailed: boolean;
  onLoadMore: () => void;
  now: Date;
  environments: readonly Environment[] | undefined;
  selection: SelectionProps;
  /** A row's menu chose Revoke: confirm, then revoke that one token. Stable across renders. */
  onRevoke: (token: ApiKey) => void;
};

type SelectionProps = {
  ids: ReadonlySet<string>;
  /** Every matching token is selected, loaded or not. */
  allMatching: boolean;
  count: number;
  /** Every loaded row is ticked and more match than are loaded: offer them all. */
  canSelectAllMatching: boolean;
  onToggle: (token: ApiKey) => void;
  onToggleAllLoaded: (select: boolean) => void;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onRevoke: () => void;
  /** Remove the selected rows' unused scopes (after a confirmation); not offered for "every match". */
  onNarrow: () => void;
};

/** The review's rows in each state: loading, failed, empty, or the table with its selection bar and "Load more". */
export function AdminReviewResults(props: AdminReviewResultsProps) {
  const { tokens, isPending, error, onRetry, isRetrying, isNarrowed, onShowAll, matchingTotal, hasMore, selection } = props;
  if (isPending) return <ReviewSkeleton />;
  if (!tokens) return <LoadError error={error} onRetry={onRetry} isRetrying={isRetrying} subject="the tokens" />;
  if (tokens.length === 0) {
    return (
      <Card className="px-6 py-12 text-center">
        <p className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
          {isNarrowed ? 'No tokens match this view' : 'Nobody has made a token yet'}
        </p>
        {isNarrowed ? (
          <Button variant="secondary" className="mt-4" onClick={onShowAll}>
            Show all tokens
          </Button>
        ) : null}
      </Card>
    );
  }
  return (
    <>
      <div className="flex min-h-10 flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <p className="text-zinc-700 dark:text-zinc-300" aria-live="polite">
          {/* Until counted, "Showing 50" alone: no placeholder total from another view. */}
          Showing {count.format(tokens.length)}
          {matchingTotal !== undefined ? ` of ${count.format(matchingTotal)}` : hasMore ? ' (counting…)' : ''}
        </p>
        {selection.count > 0 ? <SelectionBar selection={selection} matchingTotal={matchingTotal} /> : null}
      </div>
      <AdminTokenTable
        tokens={tokens}
        now={props.now}
        environments={props.environments}
        selected={selection.ids}
        allMatching={selection.allMatching}
        onToggle={selection.onToggle}
        onToggleAllLoaded={selection.onToggleAllLoaded}
        onRevoke={props.onRevoke}
        isRefreshing={props.isRefreshing}
      />
      {hasMore ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={props.onLoadMore} disabled={props.isLoadingMore}>
            {props.isLoadingMore ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
      {props.loadMoreFailed ? <Alert tone="error">We couldn’t load more tokens. Try again.</Alert> : null}
    </>
  );
}

function SelectionBar({ selection, matchingTotal }: { selection: SelectionProps; matchingTotal: number | undefined }) {
  return (
    <>
      <p className="font-medium text-zinc-900 dark:text-zinc-100">
        {selection.allMatching ? `All ${count.format(selection.count)} matching selected` : `${count.format(selection.count)} selected`}
      </p>
      {selection.canSelectAllMatching && matchingTotal !== undefined ? (
        <Button variant="ghost" size="sm" onClick={selection.onSelectAllMatching}>
          Select all {count.format(matchingTotal)} matching
        </Button>
      ) : null}
      <Button variant="ghost" size="sm" onClick={selection.onClear}>
        Clear selection
      </Button>
      {selection.allMatching ? null : (
        <Button variant="secondary" size="sm" className="sm:ml-auto" onClick={selection.onNarrow}>
          Remove unused scopes
        </Button>
      )}
      <Button variant="danger" size="sm" className={selection.allMatching ? 'sm:ml-auto' : undefined} onClick={selection.onRevoke}>
        Revoke selected
      </Button>
    </>
  );
}

function ReviewSkeleton() {
  return (
    <Card className="overflow-hidden">
      <LoadingRegion label="Loading tokens…" className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {[0, 1, 2, 3].map((row) => (
          <div key={row} className="flex items-center gap-4 px-5 py-4">
            <Skeleton className="size-4" />
            <Skeleton className="h-4 w-40" />
            <Skeleton className="hidden h-4 w-24 sm:block" />
            <Skeleton className="ml-auto h-5 w-16 rounded-full" />
          </div>
        ))}
      </LoadingRegion>
    </Card>
  );
}
