import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AdminApiKeyCounts } from '../../../contract/admin';
import type { Policy } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { SelectField } from '../../../components/ui/select';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { cx } from '../../../lib/variants';
import { tokenMutations, tokenQueries } from '../api';
import {
  defaultReviewState,
  filterOf,
  isNarrowed,
  parseReviewParams,
  quickViews,
  reviewStateToParams,
  reviewStateToQuery,
  sortOptions,
  statusOptions,
  type ReviewState,
} from '../utils/review-params';
import { AdminTokenTable } from './admin-token-table';
import { DebouncedTextField } from '../../../components/ui/debounced-text-field';

// Only needed after a click: kept out of the page's first download.
const BulkRevokeDialog = lazy(() => import('./bulk-revoke-dialog').then((module) => ({ default: module.BulkRevokeDialog })));
const loadExport = () => import('../utils/export-csv');

const count = new Intl.NumberFormat('en');

type Selection = { key: string; ids: ReadonlySet<string>; owners: ReadonlyMap<string, string>; allMatching: boolean };
const emptySelection = (key: string): Selection => ({ key, ids: new Set(), owners: new Map(), allMatching: false });

const selectable = (token: ApiKey) => token.status !== 'revoked';

/**
 * The stale-key review: quick views with counts, filters and sort in the URL, server pages behind
 * "Load more", selection (loaded rows or every match), bulk revoke and CSV export. The rows and the
 * numbers are two requests: the rows show as soon as their page arrives, the numbers when counted.
 */
export function AdminTokenReview({ policy, now }: { policy: Policy | undefined; now: Date }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => parseReviewParams(searchParams), [searchParams]);
  const query = useMemo(() => reviewStateToQuery(state), [state]);
  const filter = useMemo(() => filterOf(query), [query]);
  const list = useInfiniteQuery(tokenQueries.review(query));
  // Asked once there are rows to show (or, on a filter change, rows kept on screen): the server runs one
  // query at a time, and a count scanning every token must not hold up the first page behind it.
  const summary = useQuery({ ...tokenQueries.reviewSummary(filter), enabled: list.data !== undefined });
  const revoke = useMutation(tokenMutations.bulkRevoke());
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [exporting, setExporting] = useState<{ loaded: number } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  // The numbers of these filters, never a previous view's kept on screen: they decide what a bulk revoke expects.
  const matching = summary.data && !summary.isPlaceholderData ? summary.data : undefined;

  // A selection belongs to one view: change the filters and it is gone, with no effect to clear it.
  const selectionKey = JSON.stringify(query);
  const [rawSelection, setSelection] = useState<Selection>(() => emptySelection(selectionKey));
  const selection = useMemo(
    () => (rawSelection.key === selectionKey ? rawSelection : emptySelection(selectionKey)),
    [rawSelection, selectionKey],
  );

  const pages = list.data?.pages;
  const first = pages?.[0];
  // Stable between renders, so the memoized table re-renders only when its rows or selection change.
  const tokens = useMemo(() => pages?.flatMap((page) => page.data) ?? [], [pages]);

  // Reads the current URL when it runs: a debounced filter must not undo a change made meanwhile.
  const update = useCallback(
    (change: Partial<ReviewState>) => {
      setNotice(null);
      setSearchParams((current) => reviewStateToParams({ ...parseReviewParams(current), ...change }), { replace: true });
    },
    [setSearchParams],
  );
  const setQ = useCallback((q: string) => update({ q }), [update]);
  const setOwner = useCallback((owner: string) => update({ owner }), [update]);

  const toggle = useCallback(
    (token: ApiKey) =>
      setSelection((current) => {
        const base = current.key === selectionKey ? current : emptySelection(selectionKey);
        const ids = new Set(base.ids);
        const owners = new Map(base.owners);
        if (ids.has(token.id)) {
          ids.delete(token.id);
          owners.delete(token.id);
        } else {
          ids.add(token.id);
          owners.set(token.id, token.owner.id);
        }
        return { key: selectionKey, ids, owners, allMatching: false };
      }),
    [selectionKey],
  );

  const toggleAllLoaded = useCallback(
    (select: boolean) => {
      const candidates = select ? tokens.filter(selectable) : [];
      setSelection({
        key: selectionKey,
        ids: new Set(candidates.map((t) => t.id)),
        owners: new Map(candidates.map((t) => [t.id, t.owner.id])),
        allMatching: false,
      });
    },
    [tokens, selectionKey],
  );

  const clearSelection = () => setSelection(emptySelection(selectionKey));
  const allMatching = selection.allMatching && matching !== undefined;
  const selectedCount = allMatching ? matching.total : selection.ids.size;
  const selectedOwners = allMatching ? matching.owners : new Set(selection.owners.values()).size;
  const loadedCandidates = tokens.filter(selectable).length;
  const canSelectAllMatching =
    !allMatching && matching !== undefined && selection.ids.size === loadedCandidates && matching.total > tokens.length;

  function confirmRevoke() {
    // By filter, with the total the admin was shown: if the set changed since, the server revokes nothing.
    const request = allMatching ? { filter, expectedTotal: matching.total } : { ids: [...selection.ids] };
    revoke.mutate(request, {
      onSuccess: ({ revoked }) => {
        setConfirming(false);
        clearSelection();
        setNotice(`Revoked ${count.format(revoked)} ${revoked === 1 ? 'token' : 'tokens'}.`);
      },
      // The matches changed since they were counted: count again, so the dialog shows what a retry would revoke.
      onError: (error) => {
        if (isApiError(error) && error.status === 422) void summary.refetch();
      },
    });
  }

  async function exportCsv() {
    setExportError(null);
    setExporting({ loaded: 0 });
    try {
      const { downloadCsv, fetchAllMatching } = await loadExport();
      const all = await fetchAllMatching(query, { onProgress: (loaded) => setExporting({ loaded }) });
      downloadCsv(all, `keyline-tokens-${now.toISOString().slice(0, 10)}.csv`);
    } catch (error) {
      setExportError(isApiError(error) ? error.message : 'The export failed. Try again.');
    } finally {
      setExporting(null);
    }
  }

  return (
    <section aria-labelledby="review-heading" className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h2 id="review-heading" className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">
            Everyone’s tokens
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Find tokens nobody uses any more and revoke them. “Unused” counts from the last use, or from creation if a token
            was never used.
          </p>
        </div>
        <Button variant="secondary" onClick={() => void exportCsv()} disabled={exporting !== null || tokens.length === 0}>
          {exporting
            ? `Exporting… ${count.format(exporting.loaded)}${matching ? ` of ${count.format(matching.total)}` : ''}`
            : 'Export CSV'}
        </Button>
      </div>

      <QuickViews counts={summary.data?.counts} active={state.view} onChange={(view) => update({ view })} />
      {summary.isError && !summary.data ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The counts didn’t load.{' '}
          <button type="button" className="font-medium underline underline-offset-2" onClick={() => void summary.refetch()}>
            Count again
          </button>
        </p>
      ) : null}

      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <DebouncedTextField
          label="Token name"
          type="search"
          value={state.q}
          onSettle={setQ}
          placeholder="Search names"
          maxLength={100}
        />
        <DebouncedTextField
          label="Owner"
          value={state.owner}
          onSettle={setOwner}
          placeholder="Exact username"
          autoComplete="off"
          maxLength={64}
        />
        <SelectField
          label="Environment"
          value={state.environment}
          options={[{ value: '', label: 'All environments' }, ...(policy?.environments ?? []).map((e) => ({ value: e.id, label: e.label }))]}
          onValueChange={(environment) => update({ environment })}
        />
        {state.view === 'all' ? (
          <SelectField
            label="Status"
            value={state.status}
            options={statusOptions.map((value) => ({ value, label: value === 'all' ? 'Any status' : value[0]!.toUpperCase() + value.slice(1) }))}
            onValueChange={(status) => update({ status })}
          />
        ) : null}
        <SelectField label="Sort by" value={state.sort} options={sortOptions} onValueChange={(sort) => update({ sort })} />
      </div>

      {notice ? (
        <div role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100">
          {notice}
        </div>
      ) : null}
      {exportError ? <Alert tone="error" title="The export failed.">{exportError}</Alert> : null}

      {list.isPending ? (
        <ReviewSkeleton />
      ) : !first ? (
        <Alert
          tone="error"
          title="We couldn’t load the tokens."
          action={
            <Button variant="secondary" size="sm" onClick={() => void list.refetch()} disabled={list.isFetching}>
              {list.isFetching ? 'Trying again…' : 'Try again'}
            </Button>
          }
        >
          {isApiError(list.error) ? list.error.message : 'Something went wrong. Try again in a moment.'}
        </Alert>
      ) : tokens.length === 0 ? (
        <Card className="px-6 py-12 text-center">
          <p className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
            {isNarrowed(state) ? 'No tokens match this view' : 'Nobody has made a token yet'}
          </p>
          {isNarrowed(state) ? (
            <Button variant="secondary" className="mt-4" onClick={() => setSearchParams(reviewStateToParams(defaultReviewState), { replace: true })}>
              Show all tokens
            </Button>
          ) : null}
        </Card>
      ) : (
        <>
          <div className="flex min-h-10 flex-wrap items-center gap-x-4 gap-y-2 text-sm">
            <p className="text-zinc-700 dark:text-zinc-300" aria-live="polite">
              {/* Until counted, "Showing 50" alone: no placeholder total from another view. */}
              Showing {count.format(tokens.length)}
              {matching ? ` of ${count.format(matching.total)}` : list.hasNextPage ? ' (counting…)' : ''}
            </p>
            {selectedCount > 0 ? (
              <>
                <p className="font-medium text-zinc-900 dark:text-zinc-100">
                  {allMatching ? `All ${count.format(selectedCount)} matching selected` : `${count.format(selectedCount)} selected`}
                </p>
                {canSelectAllMatching ? (
                  <Button variant="ghost" size="sm" onClick={() => setSelection({ ...selection, allMatching: true })}>
                    Select all {count.format(matching.total)} matching
                  </Button>
                ) : null}
                <Button variant="ghost" size="sm" onClick={clearSelection}>
                  Clear selection
                </Button>
                <Button
                  variant="danger"
                  size="sm"
                  className="sm:ml-auto"
                  onClick={() => {
                    revoke.reset();
                    setConfirming(true);
                  }}
                >
                  Revoke selected
                </Button>
              </>
            ) : null}
          </div>
          <AdminTokenTable
            tokens={tokens}
            now={now}
            environments={policy?.environments}
            selected={selection.ids}
            allMatching={allMatching}
            onToggle={toggle}
            onToggleAllLoaded={toggleAllLoaded}
            isRefreshing={list.isPlaceholderData}
          />
          {list.hasNextPage ? (
            <div className="flex justify-center">
              <Button variant="secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </Button>
            </div>
          ) : null}
          {list.isFetchNextPageError ? <Alert tone="error">We couldn’t load more tokens. Try again.</Alert> : null}
        </>
      )}

      {confirming ? (
        <Suspense fallback={null}>
          <BulkRevokeDialog
            open
            tokens={selectedCount}
            owners={selectedOwners}
            isPending={revoke.isPending}
            error={revoke.error}
            onConfirm={confirmRevoke}
            onDismiss={() => setConfirming(false)}
          />
        </Suspense>
      ) : null}
    </section>
  );
}

function QuickViews({
  counts,
  active,
  onChange,
}: {
  counts: AdminApiKeyCounts | undefined;
  active: ReviewState['view'];
  onChange: (view: ReviewState['view']) => void;
}) {
  return (
    <nav aria-label="Quick views">
      <ul className="flex flex-wrap gap-2">
        {quickViews.map((view) => {
          const isActive = view.id === active;
          return (
            <li key={view.id}>
              <button
                type="button"
                aria-pressed={isActive}
                onClick={() => onChange(view.id)}
                className={cx(
                  'inline-flex h-9 items-center gap-2 rounded-full border px-3 text-sm font-medium transition-colors',
                  isActive
                    ? 'border-indigo-600 bg-indigo-600 text-white dark:border-indigo-400 dark:bg-indigo-500'
                    : 'border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800',
                )}
              >
                {view.label}{' '}
                <span className={cx('tabular-nums', isActive ? 'text-indigo-100' : 'text-zinc-600 dark:text-zinc-400')}>
                  {counts ? count.format(counts[view.countKey]) : '…'}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
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

