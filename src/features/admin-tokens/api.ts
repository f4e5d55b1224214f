import { infiniteQueryOptions, keepPreviousData, mutationOptions, queryOptions } from '@tanstack/react-query';
import {
  adminApiKeyListSchema,
  adminApiKeySummarySchema,
  bulkRevokeResponseSchema,
  type BulkRevokeRequest,
} from '../../contract/admin';
import { paths } from '../../contract/paths';
import { api } from '../../lib/api-client';
import type { ReviewFilter, ReviewQuery } from './utils/review-params';

const fetchPage = (query: ReviewQuery, cursor: string | undefined, signal?: AbortSignal) =>
  api.get(paths.adminApiKeys, { query: { ...query, cursor }, schema: adminApiKeyListSchema, signal });

export const adminTokenQueries = {
  all: () => ['admin-tokens'] as const,
  /** One page per "Load more": the server's keyset cursor is the page param. Rows only, no counts. */
  list: (query: ReviewQuery) =>
    infiniteQueryOptions({
      queryKey: [...adminTokenQueries.all(), 'list', query],
      queryFn: ({ pageParam, signal }) => fetchPage(query, pageParam, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      // Switching views keeps the old rows on screen (marked busy) instead of flashing a skeleton.
      placeholderData: keepPreviousData,
    }),
  /**
   * The numbers for one set of filters (not the sort: re-sorting keeps them). A scan of every match,
   * so it is its own request and the rows never wait for it.
   */
  summary: (filter: ReviewFilter) =>
    queryOptions({
      queryKey: [...adminTokenQueries.all(), 'summary', filter],
      queryFn: ({ signal }) => api.get(paths.adminApiKeysSummary, { query: filter, schema: adminApiKeySummarySchema, signal }),
      // The quick-view counts stay on screen while another view's numbers load.
      placeholderData: keepPreviousData,
    }),
};

export const adminTokenMutations = {
  /** All or nothing on the server; every review list and summary is refetched afterwards. */
  revoke: () =>
    mutationOptions({
      mutationKey: [...adminTokenQueries.all(), 'revoke'],
      mutationFn: (request: BulkRevokeRequest) =>
        api.post(paths.adminApiKeysRevoke, { body: request, schema: bulkRevokeResponseSchema }),
      meta: { invalidates: [adminTokenQueries.all()] },
    }),
};
