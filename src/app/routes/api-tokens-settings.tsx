import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { Alert } from '../../components/ui/alert';
import { LoadingRegion, Skeleton } from '../../components/ui/skeleton';
import { AdminTokenReview } from '../../features/admin-tokens/components/admin-token-review';
import { policyQueries } from '../../features/policy/api';
import { PolicyEditor } from '../../features/policy/components/policy-editor';
import { PolicySummary } from '../../features/policy/components/policy-summary';
import { useNow } from '../../lib/use-now';
import { useSignedInUser } from '../layouts/app-layout';

export function ApiTokensSettingsRoute() {
  const user = useSignedInUser();
  const now = useNow();
  const policy = useQuery(policyQueries.get());
  const summary = (
    <PolicySummary
      policy={policy.data}
      isPending={policy.isPending}
      error={policy.error}
      onRetry={() => void policy.refetch()}
      isRetrying={policy.isFetching}
    />
  );

  if (user.role !== 'admin') {
    return (
      <>
        <PageHeader
          title="API Tokens"
          description="The token policy for this workspace: how long tokens live, the environments they are made for and the scopes they may hold."
        />
        <div className="space-y-6">
          <Alert tone="info">
            Only workspace admins can review everyone’s tokens. Your own tokens are in{' '}
            <Link to="/account/integrations" className="font-medium underline underline-offset-2">
              Account → Integrations
            </Link>
            .
          </Alert>
          {summary}
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="API Tokens"
        description="Review every token in the workspace, revoke the ones nobody uses, and set the policy new tokens must follow."
      />
      <div className="space-y-12">
        <AdminTokenReview policy={policy.data} now={now} />
        {policy.data ? (
          // Keyed by the saved policy: after a save or a refetch the form starts from what the server holds.
          <PolicyEditor key={JSON.stringify(policy.data)} policy={policy.data} />
        ) : policy.isPending ? (
          <LoadingRegion label="Loading the policy…">
            <Skeleton className="h-64 w-full" />
          </LoadingRegion>
        ) : (
          summary
        )}
      </div>
    </>
  );
}
