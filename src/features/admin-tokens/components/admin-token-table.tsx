import { memo, useEffect, useRef } from 'react';
import type { Environment } from '../../../contract/policy';
import type { ApiKey, ApiKeyStatus } from '../../../contract/tokens';
import { RelativeTime } from '../../../components/relative-time';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Card } from '../../../components/ui/card';
import { formatDate } from '../../../lib/relative-time';
import { cx } from '../../../lib/variants';

type AdminTokenTableProps = {
  tokens: readonly ApiKey[];
  now: Date;
  environments?: readonly Environment[];
  /** Ids of the selected rows. */
  selected: ReadonlySet<string>;
  /** Every matching token is selected, loaded or not. */
  allMatching: boolean;
  onToggle: (token: ApiKey) => void;
  onToggleAllLoaded: (select: boolean) => void;
  /** Showing the previous answer while another view loads. */
  isRefreshing?: boolean;
};

const statusBadges: Record<ApiKeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

const selectable = (token: ApiKey) => token.status !== 'revoked';

/**
 * Everyone's tokens with an owner column and a checkbox per row; a props-only view. Memoized: typing in
 * a filter or a count arriving re-renders the page around it, not its rows.
 */
export const AdminTokenTable = memo(function AdminTokenTable({
  tokens,
  now,
  environments = [],
  selected,
  allMatching,
  onToggle,
  onToggleAllLoaded,
  isRefreshing = false,
}: AdminTokenTableProps) {
  const candidates = tokens.filter(selectable);
  const selectedLoaded = candidates.filter((token) => allMatching || selected.has(token.id)).length;
  const allLoaded = candidates.length > 0 && selectedLoaded === candidates.length;
  const headerRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // "Some selected" has no attribute: only the DOM property shows the dash.
    if (headerRef.current) headerRef.current.indeterminate = selectedLoaded > 0 && !allLoaded;
  }, [selectedLoaded, allLoaded]);
  const labelFor = (id: string) => environments.find((e) => e.id === id)?.label ?? id;

  return (
    <Card className="overflow-x-auto">
      <table aria-busy={isRefreshing || undefined} className="w-full min-w-[56rem] text-left text-sm">
        <thead className="bg-zinc-50 text-xs font-medium text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th scope="col" className="w-10 py-3 pl-5">
              <input
                ref={headerRef}
                type="checkbox"
                aria-label="Select all loaded tokens"
                checked={allLoaded}
                disabled={candidates.length === 0 || allMatching}
                onChange={(event) => onToggleAllLoaded(event.target.checked)}
                className="size-4 accent-indigo-600 dark:accent-indigo-400"
              />
            </th>
            <th scope="col" className="px-3 py-3 font-medium">Name</th>
            <th scope="col" className="px-3 py-3 font-medium">Owner</th>
            <th scope="col" className="px-3 py-3 font-medium">Environment</th>
            <th scope="col" className="px-3 py-3 font-medium">Scopes</th>
            <th scope="col" className="px-3 py-3 font-medium">Created</th>
            <th scope="col" className="px-3 py-3 font-medium">Last used</th>
            <th scope="col" className="px-3 py-3 font-medium">Expires</th>
            <th scope="col" className="py-3 pr-5 pl-3 font-medium">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {tokens.map((token) => (
            <AdminTokenRow
              key={token.id}
              token={token}
              now={now}
              environmentLabel={labelFor(token.environment)}
              isSelected={selectable(token) && (allMatching || selected.has(token.id))}
              isLocked={allMatching}
              onToggle={onToggle}
            />
          ))}
        </tbody>
      </table>
    </Card>
  );
});

type AdminTokenRowProps = {
  token: ApiKey;
  now: Date;
  environmentLabel: string;
  isSelected: boolean;
  /** Every match is selected: single rows cannot be unticked. */
  isLocked: boolean;
  onToggle: (token: ApiKey) => void;
};

// Memoized: ticking one row, or the table turning busy while another view loads, leaves the other rows alone.
const AdminTokenRow = memo(function AdminTokenRow({ token, now, environmentLabel, isSelected, isLocked, onToggle }: AdminTokenRowProps) {
  const badge = statusBadges[token.status];
  return (
    <tr className={cx(isSelected && 'bg-indigo-50/60 dark:bg-indigo-950/40')}>
      <td className="py-3 pl-5 align-top">
        <input
          type="checkbox"
          aria-label={`Select ${token.name} (${token.owner.username})`}
          checked={isSelected}
          disabled={!selectable(token) || isLocked}
          onChange={() => onToggle(token)}
          className="size-4 accent-indigo-600 dark:accent-indigo-400"
        />
      </td>
      <th scope="row" className="px-3 py-3 align-top font-normal">
        <span className="block font-medium break-words text-zinc-900 dark:text-zinc-100">{token.name}</span>
        <code className="text-xs text-zinc-600 dark:text-zinc-400">{token.hint}</code>
      </th>
      <td className="px-3 py-3 align-top text-zinc-800 dark:text-zinc-200">{token.owner.username}</td>
      <td className="px-3 py-3 align-top">
        <Badge tone={token.environment === 'production' ? 'warning' : 'neutral'}>{environmentLabel}</Badge>
      </td>
      <td className="px-3 py-3 align-top text-zinc-700 dark:text-zinc-300">
        <span title={token.scopes.join(' ')}>{summarizeScopes(token.scopes)}</span>
      </td>
      <td className="px-3 py-3 align-top whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300">
        <RelativeTime date={token.createdAt} now={now}>
          {formatDate(new Date(token.createdAt))}
        </RelativeTime>
      </td>
      <td className="px-3 py-3 align-top whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300">
        {token.lastUsedAt ? (
          <RelativeTime date={token.lastUsedAt} now={now} />
        ) : (
          <span className="text-zinc-600 italic dark:text-zinc-400">Never used</span>
        )}
      </td>
      <td className="px-3 py-3 align-top whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300">
        <RelativeTime date={token.expiresAt} now={now} />
      </td>
      <td className="py-3 pr-5 pl-3 align-top">
        <Badge tone={badge.tone}>{badge.label}</Badge>
      </td>
    </tr>
  );
});

/** "read:projects, write:deployments +3": short enough for a table cell, the full list in the title. */
function summarizeScopes(scopes: readonly string[]): string {
  if (scopes.length === 0) return 'No scopes';
  const shown = scopes.slice(0, 2).join(', ');
  return scopes.length > 2 ? `${shown} +${scopes.length - 2}` : shown;
}
