import { Link } from 'react-router';
import { LoadError } from '../../../components/load-error';
import { Card } from '../../../components/ui/card';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import type { AdminUsage } from '../../../contract/admin';
import { userKindLabels } from '../../../contract/service-accounts';
import { usageOutcomeLabels, usageOutcomes } from '../../../contract/usage';
import { UsageChartWithTable } from './usage-chart';

export type WorkspaceUsageViewProps = {
  usage: AdminUsage | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  isRetrying: boolean;
  /** Where a token's page is (the tokens feature owns that route). */
  tokenHref: (id: string) => string;
};

const numberFormat = new Intl.NumberFormat('en');

/** The workspace's requests per day (stacked by outcome, with its table) beside the busiest tokens of the period. */
export function WorkspaceUsageView({ usage, isPending, error, onRetry, isRetrying, tokenHref }: WorkspaceUsageViewProps) {
  return (
    <section aria-labelledby="workspace-usage-heading">
      <Card className="p-4 sm:p-5">
        <h2 id="workspace-usage-heading" className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">
          Usage across the workspace
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Every token’s requests in the last {usage?.days.length ?? 30} days.</p>
        <div className="mt-4">
          <Body usage={usage} isPending={isPending} error={error} onRetry={onRetry} isRetrying={isRetrying} tokenHref={tokenHref} />
        </div>
      </Card>
    </section>
  );
}

function Body({ usage, isPending, error, onRetry, isRetrying, tokenHref }: WorkspaceUsageViewProps) {
  if (isPending) {
    return (
      <LoadingRegion label="Loading the workspace’s usage…" className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Skeleton className="h-40 w-full" />
        <div className="space-y-2">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-full" />
        </div>
      </LoadingRegion>
    );
  }
  if (!usage) return <LoadError error={error} onRetry={onRetry} isRetrying={isRetrying} subject="the workspace’s usage" />;
  const sums = { success: 0, denied: 0, rejected: 0 };
  for (const day of usage.days) for (const outcome of usageOutcomes) sums[outcome] += day[outcome];
  const total = sums.success + sums.denied + sums.rejected;
  if (total === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No requests in the last {usage.days.length} days.</p>;
  }
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="min-w-0 space-y-3">
        <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">Requests</dt>
            <dd className="text-xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-100">{numberFormat.format(total)}</dd>
          </div>
          {usageOutcomes.map((outcome) => (
            <div key={outcome}>
              <dt className="text-zinc-600 dark:text-zinc-400">{usageOutcomeLabels[outcome]}</dt>
              <dd className="text-xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-100">{numberFormat.format(sums[outcome])}</dd>
            </div>
          ))}
        </dl>
        <UsageChartWithTable days={usage.days} />
      </div>
      <section aria-labelledby="busiest-tokens-heading" className="min-w-0">
        <h3 id="busiest-tokens-heading" className="mb-2 text-sm font-semibold text-zinc-900 dark:text-white">
          Busiest tokens
        </h3>
        <ol className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
          {usage.top.map((token) => (
            <li key={token.id} className="flex items-baseline justify-between gap-3 py-1.5">
              <span className="min-w-0">
                <Link to={tokenHref(token.id)} className="font-medium break-words text-indigo-700 hover:underline dark:text-indigo-300">
                  {token.name}
                </Link>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {token.owner.username}
                  {token.owner.kind === 'service_account' ? ` (${userKindLabels.service_account.toLowerCase()})` : ''} · {token.environment}
                  {token.status === 'active' ? '' : ` · ${token.status}`}
                </span>
              </span>
              <span className="shrink-0 tabular-nums text-zinc-800 dark:text-zinc-200">
                {numberFormat.format(token.count)} <span className="sr-only">requests</span>
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

