import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { policyQueries } from '../../features/policy/api';
import { tokenQueries } from '../../features/tokens/api';
import { parseTokenListView, tokenListViewToQuery } from '../../features/tokens/utils/token-filters';

/**
 * Starts Account → Integrations' first page of tokens as the route is entered, in parallel with the
 * signed-in check and the page's own code, instead of after both (the page renders only once
 * `/api/auth/me` has answered). A module apart from the page, so that it does not wait for the page's
 * chunk. Never awaited: the list shows its own loading state. The same query the list panel asks for,
 * so the panel finds it in flight (or cached) rather than asking again.
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
