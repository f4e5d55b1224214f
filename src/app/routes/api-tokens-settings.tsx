import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { Alert } from '../../components/ui/alert';
import { policyQueries } from '../../features/policy/api';
import { PolicySummary } from '../../features/policy/components/policy-summary';
import { useSignedInUser } from '../layouts/app-layout';

export function ApiTokensSettingsRoute() {
  const user = useSignedInUser();
  const policy = useQuery(policyQueries.get());

  return (
    <>
      <PageHeader
        title="API Tokens"
        description="The token policy for this workspace: how long tokens live, the environments they are made for and the scopes they may hold."
      />
      <div className="space-y-6">
        {user.role !== 'admin' ? (
          <Alert tone="info">
            Only admins can review everyone’s tokens. Your own tokens are in{' '}
            <Link to="/account/integrations" className="font-medium underline underline-offset-2">
              Account → Integrations
            </Link>
            .
          </Alert>
        ) : null}
        <PolicySummary
          policy={policy.data}
          isPending={policy.isPending}
          error={policy.error}
          onRetry={() => void policy.refetch()}
          isRetrying={policy.isFetching}
        />
      </div>
    </>
  );
}
