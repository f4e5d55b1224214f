import { queryOptions } from '@tanstack/react-query';
import { paths } from '../../contract/paths';
import { apiKeyListSchema, apiKeySchema, type ApiKeyListQuery } from '../../contract/tokens';
import { api } from '../../lib/api-client';

export type TokenFilters = ApiKeyListQuery;

export const tokenQueries = {
  all: () => ['tokens'] as const,
  list: (filters: TokenFilters) =>
    queryOptions({
      queryKey: [...tokenQueries.all(), 'list', filters],
      queryFn: ({ signal }) => api.get(paths.apiKeys, { query: filters, schema: apiKeyListSchema, signal }),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...tokenQueries.all(), 'detail', id],
      queryFn: ({ signal }) => api.get(paths.apiKey(id), { schema: apiKeySchema, signal }),
    }),
};
