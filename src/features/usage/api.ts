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
  /** `ids`: the rows on screen, in their order; one query per page of them. */
  daily: (ids: readonly string[]) =>
    queryOptions({
      queryKey: [...usageQueries.all(), 'daily', ids],
      queryFn: ({ signal }) => api.get(paths.dailyUsage, { query: { ids: ids.join(',') }, schema: dailyUsageListSchema, signal }),
      enabled: ids.length > 0,
    }),
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
