import { lazy, memo, Suspense, useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { scopeUseNote, type AdminApiKey } from '../../../contract/admin';
import type { Environment } from '../../../contract/policy';
import { userKindLabels } from '../../../contract/service-accounts';
import type { ApiKey } from '../../../contract/tokens';
import { Card } from '../../../components/ui/card';
import { CardLabel } from '../../../components/ui/card-label';
import { cx } from '../../../lib/variants';
import { tokenDetailPath } from '../utils/expiry-warnings';
import { isSelectable } from '../utils/review-selection';
import { EnvironmentBadge } from './environment-badge';
import { ScopeList } from './scope-list';
import { RowUsage, useUsagePages } from './token-list-usage-slot';
import { TokenStatusBadges } from './token-status-badge';
import { CreatedTime, ExpiryTime, LastUsedTime } from './token-time';

// Only needed once a row's menu opens; hover or focus on a menu button starts loading it.
const loadAdminTokenMenu = () => import('./admin-token-menu');
const AdminTokenMenu = lazy(async () => ({ default: (await loadAdminTokenMenu()).AdminTokenMenu }));

type AdminTokenTableProps = {
  tokens: readonly AdminApiKey[];
  now: Date;
  environments?: readonly Environment[];
  /** Ids of the selected rows. */
  selected: ReadonlySet<string>;
  /** Every matching token is selected, loaded or not. */
  allMatching: boolean;
  onToggle: (token: ApiKey) => void;
  onToggleAllLoaded: (select: boolean) => void;
  /** A row's menu asked to revoke its token (the caller confirms first). Stable across renders. */
  onRevoke: (token: ApiKey) => void;
  /** Showing the previous answer while another view loads. */
  isRefreshing?: boolean;
};

/**
 * Everyone's tokens with an owner column and a checkbox per row; a props-only view. Memoized: typing in
 * a filter or a count arriving re-renders the page around it, not its rows.
 *
 * One table for every width (ADR 002): a wide table where the card has 56rem, stacked cards below that
 * (a container query on the card). In card mode the header row stays visible as a "Select all" bar
 * above the cards; its column headers are visually hidden and small labels stand in for them.
 */
export const AdminTokenTable = memo(function AdminTokenTable({
  tokens,
  now,
  environments,
  selected,
  allMatching,
  onToggle,
  onToggleAllLoaded,
  onRevoke,
  isRefreshing = false,
}: AdminTokenTableProps) {
  const candidates = tokens.filter(isSelectable);
  const selectedLoaded = candidates.filter((token) => allMatching || selected.has(token.id)).length;
  const allLoaded = candidates.length > 0 && selectedLoaded === candidates.length;
  const headerRef = useRef<HTMLInputElement>(null);
  const usagePages = useUsagePages(tokens);
  useEffect(() => {
    // "Some selected" has no attribute: only the DOM property shows the dash.
    if (headerRef.current) headerRef.current.indeterminate = selectedLoaded > 0 && !allLoaded;
  }, [selectedLoaded, allLoaded]);

  return (
    <Card className="@container overflow-x-auto">
      <table
        role="table"
        aria-busy={isRefreshing || undefined}
        className="w-full text-left text-sm @max-4xl:block @4xl:min-w-[56rem]"
      >
        <thead
          role="rowgroup"
          className="bg-zinc-50 text-xs font-medium text-zinc-600 @max-4xl:block dark:bg-zinc-900 dark:text-zinc-400"
        >
          <tr role="row" className="border-b border-zinc-200 @max-4xl:flex @max-4xl:items-center @max-4xl:px-4 @max-4xl:py-2 dark:border-zinc-800">
            <th role="columnheader" scope="col" className="w-10 py-3 pl-5 @max-4xl:block @max-4xl:w-auto @max-4xl:p-0">
              {/* In card mode the label's text widens the tap target; the name stays the aria-label. */}
              <label className="@max-4xl:-mx-2 @max-4xl:flex @max-4xl:cursor-pointer @max-4xl:has-disabled:cursor-default @max-4xl:items-center @max-4xl:gap-3 @max-4xl:px-2 @max-4xl:py-1.5">
                <input
                  ref={headerRef}
                  type="checkbox"
                  aria-label="Select all loaded tokens"
                  checked={allLoaded}
                  disabled={candidates.length === 0 || allMatching}
                  onChange={(event) => onToggleAllLoaded(event.target.checked)}
                  className="size-4 accent-indigo-600 dark:accent-indigo-400"
                />
                <span aria-hidden="true" className="text-sm font-medium text-zinc-700 @4xl:hidden dark:text-zinc-300">
                  Select all
                </span>
              </label>
            </th>
            <th role="columnheader" scope="col" className={headerCell}>Name</th>
            <th role="columnheader" scope="col" className={headerCell}>Owner</th>
            <th role="columnheader" scope="col" className={headerCell}>Environment</th>
            <th role="columnheader" scope="col" className={headerCell}>Scopes</th>
            <th role="columnheader" scope="col" className={cx(headerCell, createdColumn)}>Created</th>
            <th role="columnheader" scope="col" className={headerCell}>Last used</th>
            <th role="columnheader" scope="col" className={headerCell}>Expires</th>
            <th role="columnheader" scope="col" className={headerCell}>Status</th>
            <th role="columnheader" scope="col" className={cx('py-3 pr-5 pl-1 font-medium @max-4xl:sr-only', stickyEnd, 'bg-zinc-50 dark:bg-zinc-900')}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup" className="divide-y divide-zinc-200 @max-4xl:block dark:divide-zinc-800">
          {tokens.map((token) => (
            <AdminTokenRow
              key={token.id}
              token={token}
              now={now}
              environments={environments}
              usagePageIds={usagePages.get(token.id)}
              isSelected={isSelectable(token) && (allMatching || selected.has(token.id))}
              isLocked={allMatching}
              onToggle={onToggle}
              onRevoke={onRevoke}
            />
          ))}
        </tbody>
      </table>
    </Card>
  );
});

const headerCell = 'px-3 py-3 font-medium @max-4xl:sr-only';
// Between the card layout and a wide table the columns do not all fit: Created (also in the CSV, in card
// mode and on the token's page) gives way first, so the name, last use, status and menu stay in view.
const createdColumn = '@4xl:@max-6xl:hidden';
// The row menu stays in reach even when the table scrolls sideways.
const stickyEnd = '@4xl:sticky @4xl:right-0';


const cell = 'px-2.5 py-3 align-top @max-4xl:block @max-4xl:min-w-0 @max-4xl:p-0';
const timeCell = cx(cell, 'whitespace-nowrap text-zinc-700 tabular-nums @max-4xl:whitespace-normal dark:text-zinc-300');

type AdminTokenRowProps = {
  token: AdminApiKey;
  now: Date;
  environments: readonly Environment[] | undefined;
  /** The ids fetched with this row, for its usage sparkline. */
  usagePageIds: readonly string[] | undefined;
  isSelected: boolean;
  /** Every match is selected: single rows cannot be unticked. */
  isLocked: boolean;
  onToggle: (token: ApiKey) => void;
  onRevoke: (token: ApiKey) => void;
};

// Memoized: ticking one row, or the table turning busy while another view loads, leaves the other rows alone.
const AdminTokenRow = memo(function AdminTokenRow({ token, now, environments, usagePageIds, isSelected, isLocked, onToggle, onRevoke }: AdminTokenRowProps) {
  return (
    <tr
      role="row"
      className={cx(
        // Card mode: a two-column grid (three from 32rem), the checkbox in the left gutter, status top-right.
        '@max-4xl:relative @max-4xl:grid @max-4xl:gap-x-4 @max-4xl:gap-y-3 @max-4xl:py-4 @max-4xl:pr-4 @max-4xl:pl-11 @max-lg:grid-cols-2 @lg:@max-4xl:grid-cols-3',
        isSelected && 'bg-indigo-50/60 dark:bg-indigo-950/40',
      )}
    >
      <td role="cell" className="py-3 pl-5 align-top @max-4xl:absolute @max-4xl:top-4 @max-4xl:left-2 @max-4xl:block @max-4xl:p-0">
        {/* In card mode the label widens the tap target around the small checkbox. */}
        <label className="@max-4xl:flex @max-4xl:cursor-pointer @max-4xl:has-disabled:cursor-default @max-4xl:p-2 @max-4xl:pt-0.5">
          <input
            type="checkbox"
            aria-label={`Select ${token.name} (${token.owner.username})`}
            checked={isSelected}
            disabled={!isSelectable(token) || isLocked}
            onChange={() => onToggle(token)}
            className="size-4 accent-indigo-600 dark:accent-indigo-400"
          />
        </label>
      </td>
      <th
        role="rowheader"
        scope="row"
        className="min-w-40 px-3 py-3 align-top font-normal @max-4xl:block @max-4xl:min-w-0 @max-4xl:p-0 @lg:@max-4xl:col-span-2"
      >
        <Link
          to={tokenDetailPath(token.id)}
          className="block font-medium break-words text-indigo-700 hover:underline dark:text-indigo-300"
        >
          {token.name}
        </Link>
        {/* A hint is one token: it never breaks in the middle. */}
        <code className="text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400">{token.hint}</code>
      </th>
      <td role="cell" className={cx(cell, 'min-w-24 text-zinc-800 @max-4xl:break-words dark:text-zinc-200')}>
        <CardLabel>Owner</CardLabel>
        {token.owner.username}
        {token.owner.kind === 'service_account' ? (
          <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">{userKindLabels.service_account}</span>
        ) : null}
      </td>
      <td role="cell" className={cell}>
        <CardLabel>Environment</CardLabel>
        <EnvironmentBadge id={token.environment} environments={environments} />
      </td>
      <td role="cell" className={cx(cell, 'text-zinc-700 @max-4xl:break-words @max-lg:col-span-full dark:text-zinc-300')}>
        <CardLabel>Scopes</CardLabel>
        <ScopeList scopes={token.scopes} collapseAfter={2} />
        <ScopeUseNote token={token} />
      </td>
      <td role="cell" className={cx(timeCell, createdColumn)}>
        <CardLabel>Created</CardLabel>
        <CreatedTime createdAt={token.createdAt} now={now} />
      </td>
      <td role="cell" className={timeCell}>
        <CardLabel>Last used</CardLabel>
        <LastUsedTime lastUsedAt={token.lastUsedAt} now={now} />
        <RowUsage token={token} pageIds={usagePageIds} />
      </td>
      {/* The date and the time left each stay whole but may sit on two lines: no nowrap here. */}
      <td role="cell" className={cx(cell, 'min-w-28 text-zinc-700 tabular-nums dark:text-zinc-300')}>
        <CardLabel>Expires</CardLabel>
        <ExpiryTime token={token} now={now} />
      </td>
      {/* Top-right in card mode, beside the menu; the badge is not focusable, so moving it does not change the tab order. */}
      <td
        role="cell"
        className="px-3 py-3 align-top @max-4xl:row-start-1 @max-4xl:block @max-4xl:justify-self-end @max-4xl:p-0 @max-4xl:pr-10 @max-lg:col-start-2 @lg:@max-4xl:col-start-3"
      >
        {/* Stacked in the table: side by side, "Active" and "Expires soon" made the column wide enough to push the row past the card at 1280 px. */}
        <span className="inline-flex flex-wrap items-center gap-1 @max-4xl:justify-end @4xl:flex-col @4xl:items-start">
          <TokenStatusBadges token={token} now={now} />
        </span>
      </td>
      <td
        role="cell"
        className={cx(
          'py-2 pr-5 pl-1 align-top @max-4xl:absolute @max-4xl:top-2.5 @max-4xl:right-2 @max-4xl:block @max-4xl:p-0',
          stickyEnd,
          isSelected ? '@4xl:bg-indigo-50 dark:@4xl:bg-indigo-950' : '@4xl:bg-white dark:@4xl:bg-zinc-900',
        )}
      >
        <RowMenu token={token} onRevoke={onRevoke} />
      </td>
    </tr>
  );
});

/** "Uses only 1 of its 3 scopes" under the scopes, when it applies. */
function ScopeUseNote({ token }: { token: AdminApiKey }) {
  const note = scopeUseNote(token);
  return note ? <span className="mt-1 block text-xs text-amber-800 dark:text-amber-300">{note}</span> : null;
}

/** The row's "⋯" menu button; the menu itself loads on first use. */
function RowMenu({ token, onRevoke }: { token: ApiKey; onRevoke: (token: ApiKey) => void }) {
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState<{ anchor: HTMLButtonElement; focus: 'first' | 'last' } | null>(null);
  const close = useCallback((restoreFocus: boolean) => {
    setOpen(null);
    // At once, not on the next render: a dialog opened by the chosen item remembers this button as its opener.
    if (restoreFocus) buttonRef.current?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen({ anchor: event.currentTarget, focus: event.key === 'ArrowDown' ? 'first' : 'last' });
    }
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label={`Actions for ${token.name} (${token.owner.username})`}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? menuId : undefined}
        onPointerEnter={() => void loadAdminTokenMenu()}
        onFocus={() => void loadAdminTokenMenu()}
        onClick={(event) => {
          const anchor = event.currentTarget;
          setOpen((current) => (current ? null : { anchor, focus: 'first' }));
        }}
        onKeyDown={onKeyDown}
        className="grid size-8 place-items-center rounded-lg text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 aria-expanded:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white dark:aria-expanded:bg-zinc-800"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
          <circle cx="4" cy="10" r="1.6" />
          <circle cx="10" cy="10" r="1.6" />
          <circle cx="16" cy="10" r="1.6" />
        </svg>
      </button>
      {open ? (
        <Suspense fallback={null}>
          <AdminTokenMenu id={menuId} token={token} anchor={open.anchor} initialFocus={open.focus} onRevoke={onRevoke} onClose={close} />
        </Suspense>
      ) : null}
    </>
  );
}
