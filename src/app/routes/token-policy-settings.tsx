import { useQuery, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { Alert } from '../../components/ui/alert';
import { LoadingRegion, Skeleton } from '../../components/ui/skeleton';
import { authQueries } from '../../features/auth/api';
import { policyQueries } from '../../features/policy/api';
import { useSignedInUser } from '../layouts/app-layout';


// Admins edit, members read: each loads only the code of what it sees (the loader starts it).
const loadPolicyEditor = () => import('../../features/policy/components/policy-editor');
const PolicyEditor = lazy(() => loadPolicyEditor().then((module) => ({ default: module.PolicyEditor })));
const loadPolicySummary = () => import('../../features/policy/components/policy-summary');
const PolicySummary = lazy(() => loadPolicySummary().then((module) => ({ default: module.PolicySummary })));

/** Starts the policy and the code that shows it as the route is entered; never awaited. */
export const tokenPolicySettingsLoader = (queryClient: QueryClient) => (): null => {
  const role = queryClient.getQueryData(authQueries.me().queryKey)?.user.role;
  // Unknown on the first visit: the editor is the likelier page here, and its chunk is the bigger one.
  if (role === 'member') void loadPolicySummary();
  else void loadPolicyEditor();
  void queryClient.prefetchQuery(policyQueries.get());
  return null;
};

const policySkeleton = (
  <LoadingRegion label="Loading the policy…">
    <Skeleton className="h-64 w-full" />
  </LoadingRegion>
);

/** `/settings/token-policy`: what new tokens may be. Admins edit it; members read it. */
export function TokenPolicySettingsRoute() {
  const user = useSignedInUser();
  const policy = useQuery(policyQueries.get());
  const summary = (
    <Suspense fallback={policySkeleton}>
      <PolicySummary
        policy={policy.data}
        isPending={policy.isPending}
        error={policy.error}
        onRetry={() => void policy.refetch()}
        isRetrying={policy.isFetching}
      />
    </Suspense>
  );

  if (user.role !== 'admin') {
    return (
      <>
        <PageHeader
          title="Token policy"
          description="What tokens in this workspace may be: how long they live, the environments they are made for and the scopes each environment allows."
        />
        <div className="space-y-6">
          <Alert tone="info">
            Set by your workspace admins. Your own tokens are under{' '}
            <Link to="/account/integrations" className="font-medium underline underline-offset-2">
              Personal access tokens
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
        title="Token policy"
        description="What new tokens may be. Changes apply to tokens made from now on; existing tokens keep their expiry and scopes."
      />
      {policy.data ? (
        <Suspense fallback={policySkeleton}>
          {/* Not keyed by the policy: a remount after Save would drop the confirmation and the focus with it. */}
          <PolicyEditor policy={policy.data} />
        </Suspense>
      ) : policy.isPending ? (
        policySkeleton
      ) : (
        summary
      )}
    </>
  );
}
