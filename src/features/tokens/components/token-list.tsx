import type { ApiKey, ApiKeyStatus } from '../../../contract/tokens';
import type { Environment } from '../../../contract/policy';
import { RelativeTime } from '../../../components/relative-time';
import { Alert } from '../../../components/ui/alert';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/relative-time';
import { summarizeScopes } from '../utils/summarize-scopes';

type TokenListProps = {
  tokens: readonly ApiKey[] | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  /** True while a retry is under way. */
  isRetrying?: boolean;
  now: Date;
  /** Labels for environment ids; an unknown id is shown as is. */
  environments?: readonly Environment[];
};

/** My tokens: a read-only table with its loading, empty and error states. */
export function TokenList({ tokens, isPending, error, onRetry, isRetrying = false, now, environments = [] }: TokenListProps) {
  if (isPending) return <TokenListSkeleton />;

  if (!tokens) {
    return (
      <Alert
        tone="error"
        title="We couldn’t load your tokens."
        action={
          <Button variant="secondary" size="sm" onClick={onRetry} disabled={isRetrying}>
            {isRetrying ? 'Trying again…' : 'Try again'}
          </Button>
        }
      >
        {isApiError(error) ? error.message : 'Something went wrong. Try again in a moment.'}
      </Alert>
    );
  }

  if (tokens.length === 0) return <EmptyTokens />;

  const labelFor = (id: string) => environments.find((e) => e.id === id)?.label ?? id;

  return (
    <Card className="overflow-hidden">
      {/* Wide tables scroll sideways on phones; the region is focusable so keyboards can scroll it too. */}
      <div role="region" aria-label="Token table" tabIndex={0} className="overflow-x-auto">
        <table className="w-full min-w-[56rem] text-left text-sm">
          <thead className="bg-zinc-50 text-xs font-medium text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th scope="col" className="sticky left-0 bg-zinc-50 px-5 py-3 font-medium dark:bg-zinc-900">Name</th>
              <th scope="col" className="px-3 py-3 font-medium">Environment</th>
              <th scope="col" className="px-3 py-3 font-medium">Scopes</th>
              <th scope="col" className="px-3 py-3 font-medium">Token</th>
              <th scope="col" className="px-3 py-3 font-medium">Created</th>
              <th scope="col" className="px-3 py-3 font-medium">Last used</th>
              <th scope="col" className="px-3 py-3 font-medium">Expires</th>
              <th scope="col" className="px-5 py-3 font-medium">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {tokens.map((token) => (
              <TokenRow key={token.id} token={token} now={now} environmentLabel={labelFor(token.environment)} />
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function TokenRow({ token, now, environmentLabel }: { token: ApiKey; now: Date; environmentLabel: string }) {
  const { shown, hidden } = summarizeScopes(token.scopes);
  const expired = new Date(token.expiresAt).getTime() <= now.getTime();
  return (
    <tr className="align-top">
      <th scope="row" className="sticky left-0 min-w-48 bg-white px-5 py-3 font-normal dark:bg-zinc-900">
        <span className="block font-medium text-zinc-900 dark:text-zinc-100">{token.name}</span>
        {token.description ? (
          <span className="mt-0.5 block text-zinc-600 dark:text-zinc-400">{token.description}</span>
        ) : null}
      </th>
      <td className="px-3 py-3">
        <Badge tone={environmentTone(token.environment)}>{environmentLabel}</Badge>
      </td>
      <td className="px-3 py-3">
        <ul className="flex flex-wrap gap-1" aria-label="Scopes">
          {shown.map((scope) => (
            <li key={scope}>
              <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
                {scope}
              </code>
            </li>
          ))}
          {hidden.length > 0 ? (
            <li title={hidden.join(', ')} className="px-1 py-0.5 text-xs font-medium text-zinc-600 dark:text-zinc-400">
              <span aria-hidden="true">+{hidden.length}</span>
              <span className="sr-only">and {hidden.length} more: {hidden.join(', ')}</span>
            </li>
          ) : null}
          {token.scopes.length === 0 ? <li className="text-zinc-600 dark:text-zinc-400">No scopes</li> : null}
        </ul>
      </td>
      <td className="px-3 py-3">
        <code className="font-mono text-xs whitespace-nowrap text-zinc-700 dark:text-zinc-300">{token.hint}</code>
      </td>
      <td className="px-3 py-3 whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300">
        <RelativeTime date={token.createdAt} now={now}>
          {formatDate(new Date(token.createdAt))}
        </RelativeTime>
      </td>
      <td className="px-3 py-3 whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300">
        {token.lastUsedAt ? (
          <RelativeTime date={token.lastUsedAt} now={now} />
        ) : (
          <span className="text-zinc-600 italic dark:text-zinc-400">Never used</span>
        )}
      </td>
      <td className="px-3 py-3 whitespace-nowrap tabular-nums">
        {expired ? (
          <RelativeTime date={token.expiresAt} now={now} className="text-zinc-600 dark:text-zinc-400">
            Expired
          </RelativeTime>
        ) : (
          <RelativeTime
            date={token.expiresAt}
            now={now}
            className={expiresSoon(token.expiresAt, now) ? 'font-medium text-amber-700 dark:text-amber-300' : 'text-zinc-700 dark:text-zinc-300'}
          />
        )}
      </td>
      <td className="px-5 py-3">
        <StatusBadge status={token.status} />
      </td>
    </tr>
  );
}

const weekMs = 7 * 24 * 60 * 60 * 1000;

function expiresSoon(expiresAt: string, now: Date): boolean {
  return new Date(expiresAt).getTime() - now.getTime() < weekMs;
}

function environmentTone(environment: string): BadgeTone {
  if (environment === 'production') return 'warning';
  if (environment === 'staging') return 'info';
  if (environment === 'development') return 'neutral';
  return 'accent';
}

const statusBadges: Record<ApiKeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

function StatusBadge({ status }: { status: ApiKeyStatus }) {
  const { label, tone } = statusBadges[status];
  return <Badge tone={tone}>{label}</Badge>;
}

function EmptyTokens() {
  return (
    <Card className="flex flex-col items-center px-6 py-12 text-center">
      <KeyIcon />
      <p className="mt-4 text-base font-semibold text-zinc-900 dark:text-zinc-100">No tokens yet</p>
      <p className="mt-1 max-w-md text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
        Personal access tokens let your scripts, command-line tools and CI pipelines call the API as you — each with only
        the scopes it needs and an expiry date.
      </p>
    </Card>
  );
}

function TokenListSkeleton() {
  return (
    <Card className="overflow-hidden">
      <LoadingRegion label="Loading tokens…" className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {[0, 1, 2].map((row) => (
          <div key={row} className="flex items-center gap-4 px-5 py-4">
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-3 w-64 max-w-full" />
            </div>
            <Skeleton className="hidden h-5 w-20 rounded-full sm:block" />
            <Skeleton className="hidden h-4 w-24 md:block" />
            <Skeleton className="h-5 w-16 rounded-full" />
          </div>
        ))}
      </LoadingRegion>
    </Card>
  );
}

function KeyIcon() {
  return (
    <span className="flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-950 dark:text-indigo-300">
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-6">
        <circle cx="8" cy="15" r="4" />
        <path d="M10.8 12.2 19 4m-3 3 2.5 2.5M14 9l2 2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </span>
  );
}
