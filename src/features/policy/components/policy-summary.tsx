import type { ReactNode } from 'react';
import { allowedScopeIdsFor } from '../../../contract/api-key-rules';
import type { Policy } from '../../../contract/policy';
import { LoadError } from '../../../components/load-error';
import { Badge } from '../../../components/ui/badge';
import { Card, CardBody, CardHeader } from '../../../components/ui/card';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { groupScopesByResource } from '../utils/group-scopes';

type PolicySummaryProps = {
  policy: Policy | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  isRetrying?: boolean;
};

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** The token policy, read-only: lifetimes, environments and the scope catalog. */
export function PolicySummary({ policy, isPending, error, onRetry, isRetrying = false }: PolicySummaryProps) {
  if (isPending) {
    return (
      <LoadingRegion label="Loading the token policy…" className="space-y-4">
        <Skeleton className="h-28 w-full rounded-xl" />
        <Skeleton className="h-56 w-full rounded-xl" />
      </LoadingRegion>
    );
  }

  if (!policy) return <LoadError error={error} onRetry={onRetry} isRetrying={isRetrying} subject="the token policy" />;

  const scopeGroups = groupScopesByResource(policy.scopes);

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-100">Lifetime and limits</h2>
        </CardHeader>
        <CardBody>
          <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-4">
            <Fact term="Default lifetime">{days(policy.defaultLifetimeDays)}</Fact>
            <Fact term="Maximum lifetime">{days(policy.maxLifetimeDays)}</Fact>
            <Fact term="Active tokens per person">{policy.maxActiveTokensPerUser ?? 'No limit'}</Fact>
            <Fact term="Token prefix">
              <code className="font-mono">{policy.tokenPrefix}_</code>
            </Fact>
          </dl>
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-100">Environments and their scopes</h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">A token made for an environment may hold only the scopes listed beside it.</p>
        </CardHeader>
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {policy.environments.map((environment) => {
            const allowed = allowedScopeIdsFor(policy, environment.id);
            const labelId = `policy-environment-${environment.id}`;
            return (
              <li key={environment.id} aria-labelledby={labelId} className="grid gap-2 px-5 py-4 text-sm sm:grid-cols-[12rem_1fr] sm:gap-4">
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span id={labelId} className="font-medium text-zinc-900 dark:text-zinc-100">
                    {environment.label}
                  </span>
                  {environment.id === policy.defaultEnvironment ? <Badge tone="accent">Default</Badge> : null}
                  <code className="basis-full font-mono text-xs text-zinc-600 dark:text-zinc-400">
                    {policy.tokenPrefix}_{environment.tag}_…
                  </code>
                </div>
                <div>
                  <p className="sr-only">Scopes allowed:</p>
                  {allowed ? (
                    allowed.length > 0 ? (
                      <ul className="flex flex-wrap gap-1.5">
                        {allowed.map((scope) => (
                          <li key={scope}>
                            <code className="inline-block rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
                              {scope}
                            </code>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="text-zinc-600 dark:text-zinc-400">No scopes: tokens can’t be made for {environment.label}.</p>
                    )
                  ) : (
                    <p className="text-zinc-700 dark:text-zinc-300">Every scope</p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </Card>

      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-100">Scopes</h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            What a token may be allowed to do. Write access includes read access to the same resource.
          </p>
        </CardHeader>
        <div className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {scopeGroups.map((group) => (
            <section key={group.resource} aria-labelledby={`scopes-${group.resource}`} className="px-5 py-4">
              <h3 id={`scopes-${group.resource}`} className="text-sm font-semibold text-zinc-900 capitalize dark:text-zinc-100">
                {group.resource}
              </h3>
              <dl className="mt-2 space-y-2">
                {group.scopes.map((scope) => (
                  <div key={scope.id} className="grid gap-1 text-sm sm:grid-cols-[12rem_1fr] sm:gap-4">
                    <dt>
                      <code className="font-mono text-xs text-zinc-800 dark:text-zinc-200">{scope.id}</code>
                    </dt>
                    <dd className="text-zinc-600 dark:text-zinc-400">{scope.description}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </Card>
    </div>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{term}</dt>
      <dd className="mt-1 text-lg font-semibold text-zinc-900 tabular-nums dark:text-zinc-100">{children}</dd>
    </div>
  );
}
