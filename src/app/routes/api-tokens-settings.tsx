import { useQuery, type QueryClient } from '@tanstack/react-query';
import { Link, Navigate, type LoaderFunctionArgs } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { tokenQueries } from '../../features/tokens/api';
import { AdminTokenReview } from '../../features/tokens/components/admin-token-review';
import { TokenUsageSlot } from '../../features/tokens/components/token-list-usage-slot';
import { tokenDetailPath } from '../../features/tokens/utils/expiry-warnings';
import { parseReviewParams, reviewStateToQuery } from '../../features/tokens/utils/review-params';
import { WorkspaceUsagePanel } from '../../features/usage/components/workspace-usage-panel';
import { authQueries } from '../../features/auth/api';
import { policyQueries } from '../../features/policy/api';
import { TokenSparkline } from '../../features/usage/components/token-sparkline';
import { useNow } from '../../lib/use-now';
import { useSignedInUser } from '../layouts/app-layout';
import { tokenPolicyPath } from '../route-paths';

/**
 * Starts the page's data as the route is entered, in parallel with the signed-in check, instead of
 * after it and the render: the first page of tokens and the policy (for environment labels). Never
 * awaited: the page shows its own loading states. Not the counts: they scan every token, and the
 * first page must not queue behind them on the server.
 */
export const apiTokensSettingsLoader =
  (queryClient: QueryClient) =>
  ({ request }: LoaderFunctionArgs): null => {
    // Unknown on the first visit (the check is in flight): then ask, and a member's 403 is simply not shown.
    const isMember = queryClient.getQueryData(authQueries.me().queryKey)?.user.role === 'member';
    if (isMember) return null;
    // First: the server answers in order, and the rows are what the admin came for.
    const query = reviewStateToQuery(parseReviewParams(new URL(request.url).searchParams));
    void queryClient.prefetchInfiniteQuery(tokenQueries.review(query));
    void queryClient.prefetchQuery(policyQueries.get());
    return null;
  };

/** `/settings/api-tokens`: every token in the workspace, for admins. Members have no review: their settings page is the policy. */
export function ApiTokensSettingsRoute() {
  const user = useSignedInUser();
  if (user.role !== 'admin') return <Navigate to={tokenPolicyPath} replace />;
  return <AdminApiTokens />;
}

function AdminApiTokens() {
  const now = useNow();
  const policy = useQuery(policyQueries.get());
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Review every token in the workspace and revoke the ones nobody uses. What new tokens may be is set in the{' '}
            <Link to={tokenPolicyPath} className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
              token policy
            </Link>
            .
          </>
        }
      />
      <div className="space-y-8">
        <WorkspaceUsagePanel tokenHref={tokenDetailPath} />
        <TokenUsageSlot value={TokenSparkline}>
          <AdminTokenReview policy={policy.data} now={now} />
        </TokenUsageSlot>
      </div>
    </>
  );
}
