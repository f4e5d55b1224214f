import { useIsFetching, useQuery, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { LoaderFunctionArgs } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { policyQueries } from '../../features/policy/api';
import { authQueries } from '../../features/auth/api';
import { tokenQueries } from '../../features/tokens/api';
import { CreateTokenFlow } from '../../features/tokens/components/create-token-flow';
import { TokenUsageSlot } from '../../features/tokens/components/token-list-usage-slot';
import { TokenListPanel } from '../../features/tokens/components/token-list-panel';
import { parseTokenListView, tokenListViewToQuery } from '../../features/tokens/utils/token-filters';
import { TokenSparkline } from '../../features/usage/components/token-sparkline';
import { useNow } from '../../lib/use-now';

// Below the list, so out of sight on arrival: their code loads once the list is on screen.
const TestTokenPanel = lazy(async () => ({
  default: (await import('../../features/tokens/components/test-token-panel')).TestTokenPanel,
}));
const UseTokenPanel = lazy(async () => ({
  default: (await import('../../features/tokens/components/use-token-panel')).UseTokenPanel,
}));

/**
 * Starts the first page of tokens and the policy as the route is entered, in parallel with the
 * signed-in check, instead of after it (the page renders only once `/api/auth/me` has answered).
 * Never awaited: the list shows its own loading state. The same query the list panel asks for, so
 * the panel finds it in flight (or cached) rather than asking again.
 */
export const integrationsLoader =
  (queryClient: QueryClient) =>
  ({ request }: LoaderFunctionArgs): null => {
    // Narrowed by the policy's environments when known, exactly as the panel reads the URL.
    const environments = queryClient.getQueryData(policyQueries.get().queryKey)?.environments.map((e) => e.id);
    const view = parseTokenListView(new URL(request.url).searchParams, environments);
    void queryClient.prefetchInfiniteQuery(tokenQueries.list(tokenListViewToQuery(view)));
    void queryClient.prefetchQuery(policyQueries.get());
    return null;
  };

export function IntegrationsRoute() {
  const now = useNow();
  // Environments for the filters and labels, and what the create dialog offers.
  const policy = useQuery(policyQueries.get());
  const me = useQuery(authQueries.me());
  const showLowerPanels = useAfterListShown();

  return (
    <>
      <PageHeader
        title="Personal access tokens"
        description="They let command-line tools, editor extensions, SDK scripts and CI pipelines call the API as you. Give each one only the scopes it needs."
        action={<CreateTokenFlow policy={policy.data} now={now} restoresDraft />}
      />
      <div className="space-y-10">
        <TokenUsageSlot value={TokenSparkline}>
          <TokenListPanel policy={policy.data} now={now} />
        </TokenUsageSlot>
        {showLowerPanels ? (
          <Suspense fallback={null}>
            <TestTokenPanel viewer={me.data?.user} environments={policy.data?.environments} />
            <UseTokenPanel origin={window.location.origin} />
          </Suspense>
        ) : null}
      </div>
    </>
  );
}

/**
 * True from the first moment the token list has answered (or failed) and the browser is idle: the
 * lower panels then load without competing with the list for the network or the main thread.
 */
function useAfterListShown(): boolean {
  const listSettled = useIsFetching({ queryKey: tokenQueries.lists() }) === 0;
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (shown || !listSettled) return;
    const idle = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 50));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    // Soon after the list rather than whenever the browser idles: done before anyone starts typing a search.
    const id = idle(() => setShown(true), { timeout: 300 });
    return () => cancel(id);
  }, [shown, listSettled]);
  return shown;
}
