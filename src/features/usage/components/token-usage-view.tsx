import { LoadError } from '../../../components/load-error';
import { RelativeTime } from '../../../components/relative-time';
import { Button } from '../../../components/ui/button';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { clientKindLabels } from '../../../contract/user-agent';
import { unusedScopeNote, type TokenUsage, type UnusedScope } from '../../../contract/usage';
import { UsageChartWithTable } from './usage-chart';

export type TokenUsageViewProps = {
  usage: TokenUsage | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  now: Date;
  /** Null: the viewer may not narrow this token (or it is not active). */
  onRemoveScope: ((scope: string) => void) | null;
  /** The scope being removed right now. */
  removing: string | null;
  removeError: string | null;
};

const numberFormat = new Intl.NumberFormat('en');

/** How a token is used: a 30-day chart with its table, the scopes used, the clients seen, and scopes it could do without. */
export function TokenUsageView({ usage, isPending, error, onRetry, now, onRemoveScope, removing, removeError }: TokenUsageViewProps) {
  if (isPending) {
    return (
      <LoadingRegion label="Loading the token’s usage…" className="space-y-3">
        <Skeleton className="h-4 w-56" />
        <Skeleton className="h-32 w-full" />
      </LoadingRegion>
    );
  }
  if (!usage) return <LoadError error={error} onRetry={onRetry} subject="how this token is used" />;
  const calls = usage.days.reduce((sum, day) => sum + day.success + day.denied + day.rejected, 0);
  return (
    <div className="space-y-6">
      {usage.unusedScopes.length > 0 ? (
        <Suggestions unused={usage.unusedScopes} onRemoveScope={onRemoveScope} removing={removing} removeError={removeError} />
      ) : null}
      {calls === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No requests in the last 30 days.</p>
      ) : (
        <div className="space-y-3">
          <UsageChartWithTable days={usage.days} />
        </div>
      )}
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="usage-scopes" className="min-w-0">
          <h3 id="usage-scopes" className="mb-2 text-sm font-semibold text-zinc-900 dark:text-white">
            Scopes used
          </h3>
          {usage.scopes.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No scope was asked for in the last 90 days.</p>
          ) : (
            <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
              {usage.scopes.map((use) => (
                <li key={use.scope ?? ''} className="flex flex-wrap items-baseline justify-between gap-x-3 py-1.5">
                  {use.scope ? (
                    <code className="font-mono text-zinc-900 dark:text-zinc-100">{use.scope}</code>
                  ) : (
                    <span className="text-zinc-700 dark:text-zinc-300">No scope needed</span>
                  )}
                  <span className="text-zinc-600 dark:text-zinc-400">
                    {numberFormat.format(use.count)} · last <RelativeTime date={use.lastUsedAt} now={now} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="usage-clients" className="min-w-0">
          <h3 id="usage-clients" className="mb-2 text-sm font-semibold text-zinc-900 dark:text-white">
            Clients seen
          </h3>
          {usage.clients.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Not seen in the last 90 days.</p>
          ) : (
            <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
              {usage.clients.map((client) => (
                <li key={`${client.via} ${client.ip ?? ''} ${client.userAgent ?? ''}`} className="py-1.5">
                  <p className="flex flex-wrap items-baseline justify-between gap-x-3">
                    <span className="font-mono break-all text-zinc-900 dark:text-zinc-100">{client.ip ?? 'Unknown address'}</span>
                    <span className="text-zinc-600 dark:text-zinc-400">
                      {numberFormat.format(client.count)} · last <RelativeTime date={client.lastSeenAt} now={now} />
                    </span>
                  </p>
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">
                    {client.via === 'introspection' ? 'Checked by a resource server' : clientKindLabels[client.client ?? 'other']}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

function Suggestions({
  unused,
  onRemoveScope,
  removing,
  removeError,
}: {
  unused: readonly UnusedScope[];
  onRemoveScope: TokenUsageViewProps['onRemoveScope'];
  removing: string | null;
  removeError: string | null;
}) {
  return (
    <section aria-labelledby="usage-shrink" className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-100">
      <h3 id="usage-shrink" className="font-semibold">
        Shrink it to the scopes it uses
      </h3>
      <p className="mt-1">Held for 30 days or more without a single use. Removing a scope changes nothing else: same secret, same expiry.</p>
      <ul className="mt-2 space-y-2">
        {unused.map((item) => (
          <li key={item.scope} className="flex flex-wrap items-center justify-between gap-2">
            <span>
              remove <code className="font-mono font-semibold">{item.scope}</code> ({unusedScopeNote(item)})
            </span>
            {onRemoveScope ? (
              <Button size="sm" variant="secondary" disabled={removing !== null} onClick={() => onRemoveScope(item.scope)}>
                {removing === item.scope ? 'Removing…' : `Remove ${item.scope}`}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {removeError ? (
        <p role="alert" className="mt-2 font-medium text-red-700 dark:text-red-300">
          {removeError}
        </p>
      ) : null}
    </section>
  );
}
