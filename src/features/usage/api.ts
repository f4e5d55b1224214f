import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { paths } from '../../contract/paths';
import { apiKeySchema } from '../../contract/tokens';
import { dailyUsageListSchema, tokenUsageSchema } from '../../contract/usage';
import { api } from '../../lib/api-client';

/** How tokens are used: one token's page, and the lists' sparklines (one request per page of rows). */
export const usageQueries = {
  all: () => ['usage'] as const,
  token: (id: string) =>
    queryOptions({
      queryKey: [...usageQueries.all(), 'token', id],
      queryFn: ({ signal }) => api.get(paths.apiKeyUsage(id), { schema: tokenUsageSchema, signal }),
    }),
  /**
   * The sparklines of a page of rows: one request for all of them, shared by every row of the page.
   * Keyed by the sorted ids, so the same rows in another order (a re-sort, a row's re-render) ask nothing new.
   */
  daily: (ids: readonly string[]) => {
    const sorted = [...ids].sort();
    return queryOptions({
      queryKey: [...usageQueries.all(), 'daily', sorted],
      queryFn: ({ signal }) => api.get(paths.dailyUsage, { query: { ids: sorted.join(',') }, schema: dailyUsageListSchema, signal }),
      enabled: sorted.length > 0,
      // A picture of the last two weeks: a minute old is fresh enough, and scrolling back costs nothing.
      staleTime: 60_000,
    });
  },
};

export const usageMutations = {
  /** Takes scopes away from a token in place; the token's own pages refetch it (`['tokens']`). */
  narrow: () =>
    mutationOptions({
      mutationKey: [...usageQueries.all(), 'narrow'],
      mutationFn: ({ id, remove }: { id: string; remove: string[] }) =>
        api.post(paths.apiKeyNarrow(id), { body: { remove }, schema: apiKeySchema }),
      meta: { invalidates: [usageQueries.all(), ['tokens']] },
    }),
};
