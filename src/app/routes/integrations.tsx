import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/page-header';
import { policyQueries } from '../../features/policy/api';
import { CreateTokenFlow } from '../../features/tokens/components/create-token-flow';
import { TokenListPanel } from '../../features/tokens/components/token-list-panel';
import { TestTokenPanel } from '../../features/tokens/components/test-token-panel';
import { UseTokenPanel } from '../../features/tokens/components/use-token-panel';
import { authQueries } from '../../features/auth/api';
import { useNow } from '../../lib/use-now';

export function IntegrationsRoute() {
  const now = useNow();
  // Environments for the filters and labels, and what the create dialog offers.
  const policy = useQuery(policyQueries.get());
  const me = useQuery(authQueries.me());

  return (
    <>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <PageHeader
          title="Integrations"
          description="Personal access tokens let command-line tools, editor extensions, SDK scripts and CI pipelines call the API as you. Give each one only the scopes it needs."
        />
        <div className="mb-8 shrink-0 sm:mb-0">
          <CreateTokenFlow policy={policy.data} now={now} />
        </div>
      </div>
      <div className="space-y-10">
        <TokenListPanel policy={policy.data} now={now} />
        <TestTokenPanel viewer={me.data?.user} />
        <UseTokenPanel origin={window.location.origin} />
      </div>
    </>
  );
}
