import { memo } from 'react';
import { Link } from 'react-router';
import type { Environment } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { CardLabel } from '../../../components/ui/card-label';
import { cx } from '../../../lib/variants';
import { tokenDetailPath } from '../utils/expiry-warnings';
import { EnvironmentBadge } from './environment-badge';
import { ScopeList } from './scope-list';
import { RowUsage } from './token-list-usage-slot';
import { TokenStatusBadges } from './token-status-badge';
import { CreatedTime, ExpiryTime, LastUsedTime } from './token-time';

const cell = 'px-3 py-3 align-top @max-4xl:block @max-4xl:p-0';

/**
 * Memoized: a filter change, a "Load more" or a revoke re-renders the list, and only rows whose token
 * (or the minute) changed need to render again. The callbacks are state setters, stable across renders.
 */
export const TokenRow = memo(function TokenRow({
  token,
  now,
  environments,
  usagePageIds,
  onRevoke,
  onRotate,
}: {
  token: ApiKey;
  now: Date;
  environments: readonly Environment[] | undefined;
  /** The ids fetched with this row, for its usage sparkline (one request per page of rows). */
  usagePageIds?: readonly string[];
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
        <RowUsage token={token} pageIds={usagePageIds} />
      </td>
      <td role="cell" className={cx(cell, 'min-w-28 tabular-nums @max-4xl:min-w-0')}>
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
