import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Policy } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Toast } from '../../../components/ui/toast';
import { RetryButton } from '../../../components/ui/retry-button';
import { isApiError } from '../../../lib/api-client';
import { rateLimitMessage, useRetryCountdown } from '../../../lib/retry-countdown';
import { tokenMutations, tokenQueries } from '../api';
import {
  defaultTokenListView,
  isFiltered,
  parseTokenListView,
  tokenListViewToParams,
  tokenListViewToQuery,
  type TokenListView,
} from '../utils/token-filters';
import { revokeFailureMessage } from '../utils/revoke-failure-message';
import { CreateTokenFlow } from './create-token-flow';
import { ExpiryBanner } from './expiry-banner';
import { DialogSuspense, LazyRevokeTokenDialog, preloadRowActions } from './lazy-dialogs';
import { RateLimitNotice } from './rate-limit-notice';
import { RotateTokenFlow } from './rotate-token-flow';
import { TokenFilters } from './token-filters';
import { TokenList } from './token-list';

const count = new Intl.NumberFormat('en');

type TokenListPanelProps = {
  policy: Policy | undefined;
  now: Date;
  /** Whose tokens: a service account the viewer manages; none: the viewer's own. */
  ownerId?: string;
  heading?: string;
  /** False: no new tokens may be made for this owner (a deactivated service account), so the empty list offers none. */
  canCreate?: boolean;
};

/**
 * "Your tokens": the filters (kept in the URL, so a link reproduces the view), the list, and revoking.
 * Owns the queries and the revoke flow; the list itself is a props-only view.
 */
export function TokenListPanel({ policy, now, ownerId, heading = 'Your tokens', canCreate = true }: TokenListPanelProps) {
  const [searchParams, setSearchParams] = useSearchParams();
  const environments = policy?.environments;
  const view = parseTokenListView(
    searchParams,
    environments?.map((e) => e.id),
  );

  // The server filters, sorts and pages; the previous answer stays on screen while the next one loads
  // (no skeleton flash). The search box debounces itself, so the URL's q is already settled.
  const tokens = useInfiniteQuery(tokenQueries.list(listQuery(ownerId, view)));
  const [rotating, setRotating] = useState<ApiKey | null>(null);

  function changeView(next: Partial<TokenListView>, options: { replace?: boolean } = {}) {
    setSearchParams(tokenListViewToParams({ ...view, ...next }), { replace: options.replace });
  }

  const headingRef = useRef<HTMLHeadingElement>(null);
  const revoke = useMutation(tokenMutations.revoke());
  const [confirming, setConfirming] = useState<ApiKey | null>(null);
  // What the last revoke did, shown where it happened: "“Grafana dashboard” revoked", or why it failed.
  const [outcome, setOutcome] = useState<RevokeOutcome | null>(null);
  const [focusHeading, setFocusHeading] = useState(0);

  // After the dialog has closed (and handed focus back to a button that may be about to vanish).
  useEffect(() => {
    if (focusHeading > 0) headingRef.current?.focus();
  }, [focusHeading]);

  function runRevoke(token: ApiKey) {
    setOutcome(null);
    revoke.mutateAsync(token).then(
      () => setOutcome({ token, error: null }),
      (error: unknown) => setOutcome({ token, error }),
    );
  }

  function confirmRevoke(token: ApiKey) {
    setConfirming(null);
    setFocusHeading((n) => n + 1);
    runRevoke(token);
  }

  const [dismissedRefreshError, setDismissedRefreshError] = useState(0);
  // A failed revoke's refetch fails the same way: its message is said once, in the revoke's alert.
  const refreshFailed =
    !(outcome && outcome.error !== null) &&
    tokens.isRefetchError &&
    !(isApiError(tokens.error) && tokens.error.status === 401) &&
    tokens.errorUpdatedAt !== dismissedRefreshError;

  const rateLimit = isApiError(tokens.failureReason) && tokens.failureReason.type === 'rate_limit_error' ? tokens.failureReason : null;
  const waitingOutRateLimit = tokens.isFetching && rateLimit?.retryAfter !== undefined;

  const pages = tokens.data?.pages;
  const first = pages?.[0];
  const shownTotal = first && !tokens.isPlaceholderData ? first.total : undefined;

  // The same status without the name and environment filters, to count against: "0 of 5 active tokens
  // match" beside a banner that counts expiring tokens whatever the filters.
  const narrowed = view.q.trim() !== '' || view.environment !== '';
  const unnarrowed = useInfiniteQuery({
    ...tokenQueries.list(listQuery(ownerId, { ...view, q: '', environment: '' })),
    enabled: narrowed,
  });
  const unnarrowedTotal = narrowed && !unnarrowed.isPlaceholderData ? unnarrowed.data?.pages[0]?.total : undefined;

  // An empty unfiltered list may still hide expired or revoked tokens: ask whether there are any at all.
  // With none, the filters have nothing to narrow and the empty state speaks alone.
  const emptyUnfiltered = shownTotal === 0 && !isFiltered(view);
  const anyStatus = useInfiniteQuery({
    ...tokenQueries.list(listQuery(ownerId, { ...defaultTokenListView, status: 'all' })),
    enabled: emptyUnfiltered,
  });
  const othersExist = emptyUnfiltered && !anyStatus.isPlaceholderData && (anyStatus.data?.pages[0]?.total ?? 0) > 0;
  const hideFilters = emptyUnfiltered && !othersExist;
  // One array per answer, not per render: the rows are memoized on their token.
  const list = useMemo(() => pages?.flatMap((page) => page.data), [pages]);

  // Once the list is on screen, fetch the row actions' dialogs while the browser has nothing to do.
  const listShown = list !== undefined;
  useEffect(() => {
    if (!listShown) return;
    const idle = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 200));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const id = idle(preloadRowActions, { timeout: 2000 });
    return () => cancel(id);
  }, [listShown]);

  return (
    <section aria-labelledby="your-tokens" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="your-tokens" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-zinc-900 outline-none dark:text-white">
          {heading}
        </h2>
        <p aria-live="polite" className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
          {shownTotal !== undefined && !hideFilters ? countLabel(shownTotal, view, unnarrowedTotal) : null}
          {tokens.isPlaceholderData ? 'Updating…' : null}
        </p>
      </div>

      <ExpiryBanner
        expiring={first?.expiringSoon}
        now={now}
        onRotate={setRotating}
        onShowAll={() => changeView({ status: 'active', environment: '', q: '', sort: 'expiresAt', order: 'asc' })}
      />

      {hideFilters ? null : <TokenFilters view={view} environments={environments ?? []} onChange={changeView} />}

      <RevokeOutcomeNotice
        outcome={outcome}
        isRetrying={revoke.isPending}
        showingRevoked={view.status === 'revoked' || view.status === 'all'}
        onShowRevoked={() => changeView({ status: 'revoked' })}
        onRetry={runRevoke}
        onDismiss={() => {
          setOutcome(null);
          setDismissedRefreshError(tokens.errorUpdatedAt);
        }}
      />

      {waitingOutRateLimit && rateLimit.retryAfter !== undefined ? (
        <RateLimitNotice key={tokens.failureCount} seconds={rateLimit.retryAfter} />
      ) : null}

      <TokenList
        tokens={list}
        isPending={tokens.isPending}
        error={tokens.error}
        onRetry={() => void tokens.refetch()}
        isRetrying={tokens.isFetching}
        now={now}
        environments={environments}
        isFiltered={isFiltered(view)}
        onClearFilters={() => changeView({ status: defaultTokenListView.status, environment: '', q: '' })}
        onShowInactive={othersExist ? () => changeView({ status: 'all' }) : undefined}
        emptyAction={canCreate ? <CreateTokenFlow policy={policy} now={now} ownerId={ownerId} label="Create your first token" /> : undefined}
        onRevoke={setConfirming}
        onRotate={setRotating}
        isRefreshing={tokens.isPlaceholderData}
      />

      {list && first && list.length > 0 ? (
        <div className="flex flex-col items-center gap-3">
          {tokens.hasNextPage || list.length < first.total ? (
            <p className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
              Showing {count.format(list.length)} of {count.format(first.total)}
            </p>
          ) : null}
          {tokens.hasNextPage ? (
            <Button variant="secondary" onClick={() => void tokens.fetchNextPage()} disabled={tokens.isFetchingNextPage}>
              {tokens.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </Button>
          ) : null}
          {tokens.isFetchNextPageError ? <Alert tone="error">We couldn’t load more tokens. Try again.</Alert> : null}
        </div>
      ) : null}

      <RotateTokenFlow token={rotating} policy={policy} now={now} onClose={() => setRotating(null)} />

      {confirming ? (
        <DialogSuspense onCancel={() => setConfirming(null)}>
          <LazyRevokeTokenDialog token={confirming} now={now} onConfirm={confirmRevoke} onCancel={() => setConfirming(null)} />
        </DialogSuspense>
      ) : null}

      {refreshFailed ? (
        <Toast
          title="Couldn’t refresh your tokens. Showing what we had."
          onDismiss={() => setDismissedRefreshError(tokens.errorUpdatedAt)}
          action={
            <Button variant="secondary" size="sm" onClick={() => void tokens.refetch()} disabled={tokens.isFetching}>
              Try again
            </Button>
          }
        >
          {isApiError(tokens.error) ? tokens.error.message : null}
        </Toast>
      ) : null}
    </section>
  );
}

/**
 * "5 active tokens"; narrowed by name or environment, out of how many: "0 of 5 active tokens match" —
 * never a bare "0 active tokens" above a banner that counts the ones expiring.
 */
function countLabel(total: number, view: Pick<TokenListView, 'status'>, outOf?: number): string {
  const status = view.status === 'all' ? '' : `${view.status} `;
  if (outOf !== undefined) return `${count.format(total)} of ${count.format(outOf)} ${status}${outOf === 1 ? 'token matches' : 'tokens match'}`;
  return `${count.format(total)} ${status}${total === 1 ? 'token' : 'tokens'}`;
}

type RevokeOutcome = { token: ApiKey; error: unknown };

/** The list's query for a view; `owner` only when it is not the viewer's own list, so both keep one cache key. */
const listQuery = (ownerId: string | undefined, view: TokenListView) =>
  ownerId === undefined ? tokenListViewToQuery(view) : { ...tokenListViewToQuery(view), owner: ownerId };

/**
 * After a revoke: a visible, announced "“Grafana dashboard” revoked." with a way to see revoked tokens,
 * or why it failed (once — the refresh toast stays quiet) with Try again, held through a rate limit.
 * Always in the page, so a screen reader hears the change when it comes.
 */
function RevokeOutcomeNotice({
  outcome,
  isRetrying,
  showingRevoked,
  onShowRevoked,
  onRetry,
  onDismiss,
}: {
  outcome: RevokeOutcome | null;
  isRetrying: boolean;
  showingRevoked: boolean;
  onShowRevoked: () => void;
  onRetry: (token: ApiKey) => void;
  onDismiss: () => void;
}) {
  const { retryAt, secondsLeft } = useRetryCountdown(outcome?.error ?? null);
  const dismiss = (
    <Button variant="ghost" size="sm" onClick={onDismiss}>
      Dismiss
    </Button>
  );
  let notice = null;
  if (outcome && outcome.error === null) {
    notice = (
      <Alert
        title={`“${outcome.token.name}” revoked.`}
        action={
          <div className="flex flex-wrap gap-2">
            {showingRevoked ? null : (
              <Button variant="secondary" size="sm" onClick={onShowRevoked}>
                Show revoked tokens
              </Button>
            )}
            {dismiss}
          </div>
        }
      >
        Anything using {outcome.token.hint} has stopped working.
      </Alert>
    );
  } else if (outcome) {
    const gone = isApiError(outcome.error) && outcome.error.type === 'not_found_error';
    notice = (
      <Alert
        tone="error"
        action={
          <div className="flex flex-wrap gap-2">
            {gone ? null : (
              <RetryButton onClick={() => onRetry(outcome.token)} isPending={isRetrying} pendingLabel="Revoking…" waitSeconds={secondsLeft} />
            )}
            {dismiss}
          </div>
        }
      >
        {retryAt !== null
          ? `Couldn’t revoke “${outcome.token.name}”: it is still active. ${rateLimitMessage(retryAt)}`
          : revokeFailureMessage(outcome.token, outcome.error)}
      </Alert>
    );
  }
  return <div role="status">{notice}</div>;
}
