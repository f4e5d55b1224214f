import type { ServiceAccount } from '../../../contract/service-accounts';
import { serviceAccountPermissionLabels } from '../../../contract/service-accounts';
import { RelativeTime } from '../../../components/relative-time';
import { Badge } from '../../../components/ui/badge';
import { formatTimeAgo } from '../../../lib/relative-time';

/** What a service account is, who manages it, what it may do and who made it. */
export function ServiceAccountSummary({ account, now }: { account: ServiceAccount; now: Date }) {
  return (
    <dl className="grid gap-4 rounded-xl border border-zinc-200 bg-white p-4 text-sm sm:grid-cols-2 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="sm:col-span-2">
        <dt className="font-medium text-zinc-600 dark:text-zinc-400">Description</dt>
        <dd className="mt-1 break-words text-zinc-900 dark:text-white">{account.description ?? 'No description.'}</dd>
      </div>
      <div>
        <dt className="font-medium text-zinc-600 dark:text-zinc-400">Managers</dt>
        <dd className="mt-1">
          {account.managers.length === 0 ? (
            <span className="text-zinc-900 dark:text-white">None: only admins manage its tokens.</span>
          ) : (
            <ul className="flex flex-wrap gap-2">
              {account.managers.map((manager) => (
                <li key={manager.id} className="flex items-center gap-1.5">
                  <span className="font-medium break-all text-zinc-900 dark:text-white">{manager.username}</span>
                  {manager.active ? null : <Badge tone="warning">Deactivated</Badge>}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div>
        <dt className="font-medium text-zinc-600 dark:text-zinc-400">Permissions</dt>
        <dd className="mt-1 text-zinc-900 dark:text-white">
          {account.permissions.length === 0 ? 'Holds tokens only.' : account.permissions.map((p) => serviceAccountPermissionLabels[p].label).join(', ')}
        </dd>
      </div>
      <div>
        <dt className="font-medium text-zinc-600 dark:text-zinc-400">Created</dt>
        <dd className="mt-1 text-zinc-900 dark:text-white">
          <RelativeTime date={account.createdAt} now={now}>{formatTimeAgo(new Date(account.createdAt), now)}</RelativeTime>
          {account.createdBy ? ` by ${account.createdBy.username}` : null}
        </dd>
      </div>
      <div>
        <dt className="font-medium text-zinc-600 dark:text-zinc-400">Sign-in</dt>
        <dd className="mt-1 text-zinc-900 dark:text-white">Never: it acts only through its tokens.</dd>
      </div>
    </dl>
  );
}
