import { useDeferredValue, type ReactNode } from 'react';
import type { ApiKey } from '../../../contract/tokens';
import type { Environment } from '../../../contract/policy';
import { LoadError } from '../../../components/load-error';
import { Card } from '../../../components/ui/card';
import { EmptyTokens, NoActiveTokens, NoMatches, TokenListSkeleton } from './token-list-states';
import { useUsagePages } from './token-list-usage-slot';
import { TokenRow } from './token-row';

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
  /** Nothing active and nothing filtered, but revoked or expired tokens exist: offers to show them. */
  onShowInactive?: () => void;
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
  onShowInactive,
  emptyAction,
  onRevoke,
  onRotate,
  isRefreshing = false,
}: TokenListProps) {
  // The first rows that fill the screen render at once; the rest of a page follows in a deferred,
  // interruptible render, so neither the first rows nor a keystroke wait for all fifty.
  const shownCount = useDeferredValue(tokens?.length ?? 0, firstRenderRows);
  const usagePages = useUsagePages(tokens);
  if (isPending) return <TokenListSkeleton />;

  if (!tokens) return <LoadError error={error} onRetry={onRetry} isRetrying={isRetrying} subject="your tokens" />;

  if (tokens.length === 0) {
    if (isFiltered) return <NoMatches onClearFilters={onClearFilters} />;
    return onShowInactive ? <NoActiveTokens onShowAll={onShowInactive} action={emptyAction} /> : <EmptyTokens action={emptyAction} />;
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
              usagePageIds={usagePages.get(token.id)}
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
