import { Link } from 'react-router';
import type { ServiceAccount } from '../../../contract/service-accounts';
import { LoadError } from '../../../components/load-error';
import { RelativeTime } from '../../../components/relative-time';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { formatTimeAgo } from '../../../lib/relative-time';

export const serviceAccountPath = (id: string) => `/settings/service-accounts/${encodeURIComponent(id)}`;

type Props = {
  accounts: ServiceAccount[] | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  isRetrying: boolean;
  now: Date;
  /** What the empty list says: admins can create one, others are told who can. */
  emptyMessage: string;
};

/** The service accounts the viewer may see: each links to its page. */
export function ServiceAccountList({ accounts, isPending, error, onRetry, isRetrying, now, emptyMessage }: Props) {
  if (isPending) {
    return (
      <LoadingRegion label="Loading service accounts">
        <Skeleton className="h-20" />
        <Skeleton className="h-20" />
      </LoadingRegion>
    );
  }
  if (!accounts) return <LoadError error={error} onRetry={onRetry} isRetrying={isRetrying} subject="the service accounts" />;
  if (accounts.length === 0) {
    return <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">{emptyMessage}</p>;
  }
  return (
    <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {accounts.map((account) => (
        <li key={account.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
          <div className="min-w-0">
            <Link to={serviceAccountPath(account.id)} className="font-medium break-all text-indigo-700 hover:underline dark:text-indigo-300">
              {account.name}
            </Link>
            {account.description ? <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">{account.description}</p> : null}
          </div>
          <dl className="flex shrink-0 flex-wrap gap-x-4 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
            <div className="flex gap-1">
              <dt>Live tokens</dt>
              <dd className="font-medium text-zinc-900 tabular-nums dark:text-white">{account.liveTokens}</dd>
            </div>
            <div className="flex gap-1">
              <dt>Managers</dt>
              <dd className="font-medium text-zinc-900 dark:text-white">{account.managers.length === 0 ? 'Admins only' : account.managers.map((m) => m.username).join(', ')}</dd>
            </div>
            <div className="flex gap-1">
              <dt>Created</dt>
              <dd>
                <RelativeTime date={account.createdAt} now={now}>{formatTimeAgo(new Date(account.createdAt), now)}</RelativeTime>
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
