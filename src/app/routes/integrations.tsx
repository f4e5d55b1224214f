import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/page-header';
import { Card, CardBody, CardHeader } from '../../components/ui/card';
import { policyQueries } from '../../features/policy/api';
import { tokenQueries, type TokenFilters } from '../../features/tokens/api';
import { TokenList } from '../../features/tokens/components/token-list';
import { useNow } from '../../lib/use-now';

/** Every token of mine, newest first, whatever its status. */
const myTokens: TokenFilters = { status: 'all', sort: 'createdAt', order: 'desc' };

export function IntegrationsRoute() {
  const now = useNow();
  const tokens = useQuery(tokenQueries.list(myTokens));
  // Only for environment labels; the list still shows ids if the policy can't be loaded.
  const policy = useQuery(policyQueries.get());

  return (
    <>
      <PageHeader
        title="Integrations"
        description="Personal access tokens let command-line tools, editor extensions, SDK scripts and CI pipelines call the API as you. Give each one only the scopes it needs."
      />
      <div className="space-y-10">
        <section aria-labelledby="your-tokens" className="space-y-4">
          <h2 id="your-tokens" className="text-lg font-semibold text-zinc-900 dark:text-white">
            Your tokens
          </h2>
          <TokenList
            tokens={tokens.data?.data}
            isPending={tokens.isPending}
            error={tokens.error}
            onRetry={() => void tokens.refetch()}
            isRetrying={tokens.isFetching}
            now={now}
            environments={policy.data?.environments}
          />
        </section>
        <UseATokenCard origin={window.location.origin} />
      </div>
    </>
  );
}

function UseATokenCard({ origin }: { origin: string }) {
  const command = `curl -H "Authorization: Bearer $KEYLINE_TOKEN" ${origin}/api/auth/me`;
  return (
    <section aria-labelledby="use-a-token">
      <Card>
        <CardHeader>
          <h2 id="use-a-token" className="text-base font-semibold text-zinc-900 dark:text-white">
            Use a token
          </h2>
          <p className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
            Send it in the <code className="font-mono text-xs">Authorization</code> header. Keep it in an environment
            variable or your CI’s secret store — never in code.
          </p>
        </CardHeader>
        <CardBody>
          <pre className="rounded-lg break-all whitespace-pre-wrap bg-zinc-950 px-4 py-3 font-mono text-xs leading-relaxed text-zinc-100 dark:bg-black"
          >
            <code>{command}</code>
          </pre>
        </CardBody>
      </Card>
    </section>
  );
}
