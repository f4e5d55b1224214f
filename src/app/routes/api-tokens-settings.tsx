import { useQuery, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useDeferredValue } from 'react';
import { Link, type LoaderFunctionArgs } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { Alert } from '../../components/ui/alert';
import { LoadingRegion, Skeleton } from '../../components/ui/skeleton';
import { tokenQueries } from '../../features/tokens/api';
import { AdminTokenReview } from '../../features/tokens/components/admin-token-review';
import { parseReviewParams, reviewStateToQuery } from '../../features/tokens/utils/review-params';
import { authQueries } from '../../features/auth/api';
import { policyQueries } from '../../features/policy/api';
import { useNow } from '../../lib/use-now';
import { useSignedInUser } from '../layouts/app-layout';

// Below the review, and its own chunk (the loader starts loading it): the token rows do not wait for the form's code.
const loadPolicyEditor = () => import('../../features/policy/components/policy-editor');
const PolicyEditor = lazy(() => loadPolicyEditor().then((module) => ({ default: module.PolicyEditor })));
// Members read the policy; admins see it only if it failed to load (the editor shows it otherwise): not in the admin's first load.
const loadPolicySummary = () => import('../../features/policy/components/policy-summary');
const PolicySummary = lazy(() => loadPolicySummary().then((module) => ({ default: module.PolicySummary })));

/**
 * Starts the page's data as the route is entered, in parallel with the signed-in check, instead of
 * after it and the render: the first page of tokens, the policy, and the policy editor's code. Never
 * awaited: the page shows its own loading states. Not the counts: they scan every token, and the
 * first page must not queue behind them on the server.
 */
export const apiTokensSettingsLoader =
  (queryClient: QueryClient) =>
  ({ request }: LoaderFunctionArgs): null => {
    // Unknown on the first visit (the check is in flight): then ask, and a member's 403 is simply not shown.
    const isMember = queryClient.getQueryData(authQueries.me().queryKey)?.user.role === 'member';
    if (!isMember) {
      // First: the server answers in order, and the rows are what the admin came for.
      const query = reviewStateToQuery(parseReviewParams(new URL(request.url).searchParams));
      void queryClient.prefetchInfiniteQuery(tokenQueries.review(query));
      void loadPolicyEditor();
    } else {
      void loadPolicySummary();
    }
    void queryClient.prefetchQuery(policyQueries.get());
    return null;
  };

const policySkeleton = (
  <LoadingRegion label="Loading the policy…">
    <Skeleton className="h-64 w-full" />
  </LoadingRegion>
);

export function ApiTokensSettingsRoute() {
  const user = useSignedInUser();
  const now = useNow();
  const policy = useQuery(policyQueries.get());
  // The form (dozens of inputs, below the fold) renders at low priority: when the policy and the first
  // page of tokens arrive together, the rows are drawn first.
  const editorPolicy = useDeferredValue(policy.data);
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
        {editorPolicy ? (
          <Suspense fallback={policySkeleton}>
            {/* Keyed by the saved policy: after a save or a refetch the form starts from what the server holds. */}
            <PolicyEditor key={JSON.stringify(editorPolicy)} policy={editorPolicy} />
          </Suspense>
        ) : policy.isPending || policy.data ? (
          policySkeleton
        ) : (
          summary
        )}
      </div>
    </>
  );
}
