import { infiniteQueryOptions, keepPreviousData, mutationOptions } from '@tanstack/react-query';
import { adminApiKeyListSchema, bulkRevokeResponseSchema, type BulkRevokeRequest } from '../../contract/admin';
import { paths } from '../../contract/paths';
import { api } from '../../lib/api-client';
import type { ReviewQuery } from './utils/review-params';

export const adminTokenQueries = {
  all: () => ['admin-tokens'] as const,
  /** One page per "Load more": the server's keyset cursor is the page param. */
  list: (query: ReviewQuery) =>
    infiniteQueryOptions({
      queryKey: [...adminTokenQueries.all(), 'list', query],
      queryFn: ({ pageParam, signal }) =>
        api.get(paths.adminApiKeys, { query: { ...query, cursor: pageParam }, schema: adminApiKeyListSchema, signal }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      // Switching views keeps the old rows on screen (marked busy) instead of flashing a skeleton.
      placeholderData: keepPreviousData,
    }),
};

export const adminTokenMutations = {
  /** All or nothing on the server; every review list (and its counts) is refetched afterwards. */
  revoke: () =>
    mutationOptions({
      mutationKey: [...adminTokenQueries.all(), 'revoke'],
      mutationFn: (request: BulkRevokeRequest) =>
        api.post(paths.adminApiKeysRevoke, { body: request, schema: bulkRevokeResponseSchema }),
      meta: { invalidates: [adminTokenQueries.all()] },
    }),
};
