import { useQuery, type QueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams, type LoaderFunctionArgs } from 'react-router';
import { authQueries } from '../../features/auth/api';
import { policyQueries } from '../../features/policy/api';
import { tokenQueries } from '../../features/tokens/api';
import { TokenDetailPanel } from '../../features/tokens/components/token-detail-panel';
import { TokenUsagePanel } from '../../features/usage/components/token-usage-panel';
import { useNow } from '../../lib/use-now';

/** Starts the token and the policy as the route is entered, beside the signed-in check; never awaited. */
export const tokenDetailLoader =
  (queryClient: QueryClient) =>
  ({ params }: LoaderFunctionArgs): null => {
    void queryClient.prefetchQuery(tokenQueries.detail(params.id ?? ''));
    void queryClient.prefetchQuery(policyQueries.get());
    return null;
  };

/**
 * `/account/integrations/tokens/:id`: one token, how it is used, its timeline, rotate and revoke. `?rotate=1`
 * (the link in an expiry or leak email) opens the rotate dialog; closing it drops the parameter.
 */
export function TokenDetailRoute() {
  const { id = '' } = useParams();
  const now = useNow();
  const policy = useQuery(policyQueries.get());
  const me = useQuery(authQueries.me());
  const [searchParams, setSearchParams] = useSearchParams();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link
          to="/account/integrations"
          className="font-medium text-indigo-700 hover:text-indigo-900 hover:underline dark:text-indigo-300 dark:hover:text-indigo-100"
        >
          ← Personal access tokens
        </Link>
      </nav>
      <TokenDetailPanel
        id={id}
        policy={policy.data}
        now={now}
        viewerId={me.data?.user.id}
        rotateRequested={searchParams.get('rotate') === '1'}
        onRotateRequestDone={() =>
          setSearchParams(
            (params) => {
              params.delete('rotate');
              return params;
            },
            { replace: true },
          )
        }
        usage={<TokenUsagePanel id={id} now={now} />}
      />
    </>
  );
}
