import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Policy } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { isApiError } from '../../../lib/api-client';
import { tokenMutations, tokenQueries } from '../api';
import {
  defaultReviewState,
  filterOf,
  isNarrowed,
  parseReviewParams,
  reviewStateToParams,
  reviewStateToQuery,
  type ReviewState,
} from '../utils/review-params';
import { bulkNarrowMutation, narrowingSummary, previewNarrowing } from '../utils/review-narrowing';
import { revokeFailureMessage } from '../utils/revoke-failure-message';
import { emptySelection, isSelectable, selectionIn, selectLoaded, toggleToken, type ReviewSelection } from '../utils/review-selection';
import { AdminReviewFilters } from './admin-review-filters';
import { AdminReviewResults } from './admin-review-results';
import { DialogSuspense, LazyRevokeTokenDialog } from './lazy-dialogs';

// Only needed after a click: kept out of the page's first download.
const BulkRevokeDialog = lazy(() => import('./bulk-revoke-dialog').then((module) => ({ default: module.BulkRevokeDialog })));
const AdminNarrowDialog = lazy(() => import('./admin-narrow-dialog').then((module) => ({ default: module.AdminNarrowDialog })));
const loadExport = () => import('../utils/export-csv');

const count = new Intl.NumberFormat('en');

/**
 * The stale-key review: quick views with counts, filters and sort in the URL, server pages behind
 * "Load more", selection (loaded rows or every match), bulk revoke and CSV export. The rows and the
 * numbers are two requests: the rows show as soon as their page arrives, the numbers when counted.
 * Owns the queries and the state; the filters and the results are props-only views.
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
  const revokeOne = useMutation(tokenMutations.revoke());
  const narrow = useMutation(bulkNarrowMutation());
  const [narrowing, setNarrowing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [confirmingOne, setConfirmingOne] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<{ text: string; offerRevoked?: boolean } | null>(null);
  const [revokeError, setRevokeError] = useState<{ token: ApiKey; message: string } | null>(null);
  // After a revoke the row may leave the view, and focus with it: the notice that says what happened takes it.
  const noticeRef = useRef<HTMLDivElement>(null);
  // The control that opened a dialog: focus goes back to it when the dialog is dismissed.
  const openerRef = useRef<Element | null>(null);
  const rememberOpener = () => {
    openerRef.current = document.activeElement;
  };
  const returnFocus = () => {
    const opener = openerRef.current;
    // After the dialog has left the page, and only where focus was lost with it: a dialog gives focus
    // back itself, and by the next frame a quick keyboard user may already be somewhere else (the row's
    // menu, opened again) — taking focus from there would close it under their next key.
    requestAnimationFrame(() => {
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    });
  };
  const [exporting, setExporting] = useState<{ loaded: number } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  // The numbers of these filters, never a previous view's kept on screen: they decide what a bulk revoke expects.
  const matching = summary.data && !summary.isPlaceholderData ? summary.data : undefined;

  // A selection belongs to one view: change the filters and it is gone, with no effect to clear it.
  const selectionKey = JSON.stringify(query);
  const [rawSelection, setSelection] = useState<ReviewSelection>(() => emptySelection(selectionKey));
  const selection = useMemo(() => selectionIn(rawSelection, selectionKey), [rawSelection, selectionKey]);

  const pages = list.data?.pages;
  // Stable between renders, so the memoized table re-renders only when its rows or selection change.
  const tokens = useMemo(() => pages?.flatMap((page) => page.data), [pages]);

  // Reads the current URL when it runs: a debounced filter must not undo a change made meanwhile.
  const update = useCallback(
    (change: Partial<ReviewState>) => {
      setNotice(null);
      setSearchParams((current) => reviewStateToParams({ ...parseReviewParams(current), ...change }), { replace: true });
    },
    [setSearchParams],
  );
  const toggle = useCallback(
    (token: ApiKey) => setSelection((current) => toggleToken(selectionIn(current, selectionKey), token)),
    [selectionKey],
  );
  const toggleAllLoaded = useCallback(
    (select: boolean) => setSelection(selectLoaded(selectionKey, tokens ?? [], select)),
    [tokens, selectionKey],
  );

  const clearSelection = () => setSelection(emptySelection(selectionKey));
  const allMatching = selection.allMatching && matching !== undefined;
  const selectedCount = allMatching ? matching.total : selection.ids.size;
  const selectedOwners = allMatching ? matching.owners : new Set(selection.owners.values()).size;
  const loaded = tokens ?? [];
  const canSelectAllMatching =
    !allMatching && matching !== undefined && selection.ids.size === loaded.filter(isSelectable).length && matching.total > loaded.length;

  function confirmRevoke() {
    // By filter, with the total the admin was shown: if the set changed since, the server revokes nothing.
    const request = allMatching ? { filter, expectedTotal: matching.total } : { ids: [...selection.ids] };
    revoke.mutate(request, {
      onSuccess: ({ revoked }) => {
        setConfirming(false);
        clearSelection();
        setNotice({ text: `Revoked ${count.format(revoked)} ${revoked === 1 ? 'token' : 'tokens'}.`, offerRevoked: revoked > 0 });
      },
      // The matches changed since they were counted: count again, so the dialog shows what a retry would revoke.
      onError: (error) => {
        if (isApiError(error) && error.status === 422) void summary.refetch();
      },
    });
  }

  function confirmNarrow() {
    narrow.mutate([...selection.ids], {
      onSuccess: (result) => {
        setNarrowing(false);
        clearSelection();
        setNotice({ text: narrowingSummary(result) });
        requestAnimationFrame(() => noticeRef.current?.focus());
      },
    });
  }

  // Stable: the memoized table passes it to every row's menu.
  const openRevokeOne = useCallback((token: ApiKey) => {
    openerRef.current = document.activeElement;
    setConfirmingOne(token);
  }, []);

  function confirmRevokeOne(token: ApiKey) {
    setConfirmingOne(null);
    setRevokeError(null);
    setNotice(null);
    revokeOne.mutate(token, {
      onSuccess: () => {
        setNotice({ text: `“${token.name}” (${token.owner.username}) revoked.`, offerRevoked: true });
        // After the notice renders.
        requestAnimationFrame(() => noticeRef.current?.focus());
      },
      onError: (error) => setRevokeError({ token, message: revokeFailureMessage(token, error) }),
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
        <Button variant="secondary" onClick={() => void exportCsv()} disabled={exporting !== null || loaded.length === 0}>
          {exporting
            ? `Exporting… ${count.format(exporting.loaded)}${matching ? ` of ${count.format(matching.total)}` : ''}`
            : 'Export CSV'}
        </Button>
      </div>

      <AdminReviewFilters
        state={state}
        counts={summary.data?.counts}
        countsFailed={summary.isError && !summary.data}
        onRecount={() => void summary.refetch()}
        environments={policy?.environments}
        onChange={update}
      />

      {notice ? (
        <div
          ref={noticeRef}
          tabIndex={-1}
          role="status"
          className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 outline-none focus-visible:ring-2 focus-visible:ring-emerald-500 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100"
        >
          {notice.text}
          {notice.offerRevoked && !(state.view === 'all' && state.status === 'revoked') ? (
            <button
              type="button"
              className="font-medium underline underline-offset-2"
              onClick={() => update({ view: 'all', status: 'revoked' })}
            >
              Show revoked tokens
            </button>
          ) : null}
        </div>
      ) : null}
      {exportError ? <Alert tone="error" title="The export failed.">{exportError}</Alert> : null}
      {revokeError ? (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => confirmRevokeOne(revokeError.token)} disabled={revokeOne.isPending}>
              {revokeOne.isPending ? 'Trying again…' : 'Try again'}
            </Button>
          }
        >
          {revokeError.message}
        </Alert>
      ) : null}

      <AdminReviewResults
        tokens={tokens}
        isPending={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        isRetrying={list.isFetching}
        isRefreshing={list.isPlaceholderData}
        isNarrowed={isNarrowed(state)}
        onShowAll={() => setSearchParams(reviewStateToParams({ ...defaultReviewState, view: 'all' }), { replace: true })}
        matchingTotal={matching?.total}
        hasMore={list.hasNextPage}
        isLoadingMore={list.isFetchingNextPage}
        loadMoreFailed={list.isFetchNextPageError}
        onLoadMore={() => void list.fetchNextPage()}
        now={now}
        environments={policy?.environments}
        selection={{
          ids: selection.ids,
          allMatching,
          count: selectedCount,
          canSelectAllMatching,
          onToggle: toggle,
          onToggleAllLoaded: toggleAllLoaded,
          onSelectAllMatching: () => setSelection({ ...selection, allMatching: true }),
          onClear: clearSelection,
          onRevoke: () => {
            rememberOpener();
            revoke.reset();
            setConfirming(true);
          },
          onNarrow: () => {
            rememberOpener();
            narrow.reset();
            setNarrowing(true);
          },
        }}
        onRevoke={openRevokeOne}
      />

      {confirmingOne ? (
        <DialogSuspense
          onCancel={() => {
            setConfirmingOne(null);
            returnFocus();
          }}
        >
          <LazyRevokeTokenDialog
            token={confirmingOne}
            now={now}
            onConfirm={confirmRevokeOne}
            onCancel={() => {
              setConfirmingOne(null);
              returnFocus();
            }}
          />
        </DialogSuspense>
      ) : null}

      {narrowing ? (
        <Suspense fallback={null}>
          <AdminNarrowDialog
            previews={previewNarrowing(loaded, selection.ids)}
            isPending={narrow.isPending}
            error={narrow.error}
            onConfirm={confirmNarrow}
            onDismiss={() => {
              setNarrowing(false);
              returnFocus();
            }}
          />
        </Suspense>
      ) : null}

      {confirming ? (
        <Suspense fallback={null}>
          <BulkRevokeDialog
            open
            tokens={selectedCount}
            owners={selectedOwners}
            isPending={revoke.isPending}
            error={revoke.error}
            onConfirm={confirmRevoke}
            onDismiss={() => {
              setConfirming(false);
              returnFocus();
            }}
          />
        </Suspense>
      ) : null}
    </section>
  );
}
