import {
  infiniteQueryOptions,
  keepPreviousData,
  mutationOptions,
  queryOptions,
  type InfiniteData,
} from '@tanstack/react-query';
import {
  adminApiKeyListSchema,
  adminApiKeySummarySchema,
  bulkRevokeResponseSchema,
  type BulkRevokeRequest,
} from '../../contract/admin';
import {
  apiKeyEventListSchema,
  tokenCheckResponseSchema,
  type RotateApiKeyRequest,
} from '../../contract/lifecycle';
import { revokeLeakedResponseSchema } from '../../contract/leaks';
import { paths } from '../../contract/paths';
import {
  apiKeyListSchema,
  apiKeySchema,
  createApiKeyResponseSchema,
  type ApiKey,
  type ApiKeyList,
  type ApiKeyListQuery,
  type CreateApiKeyRequest,
} from '../../contract/tokens';
import { api } from '../../lib/api-client';
import type { ReviewFilter, ReviewQuery } from './utils/review-params';
import { markRevoked, revokeInPages } from './utils/revoke-in-list';

/** The list's filters and sort; pages (limit, cursor) are the query's business. */
export type TokenFilters = Omit<ApiKeyListQuery, 'limit' | 'cursor'>;

export type TokenPages = InfiniteData<ApiKeyList, string | undefined>;

const fetchTokenPage = (filters: TokenFilters, cursor: string | undefined, signal?: AbortSignal) =>
  api.get(paths.apiKeys, { query: { ...filters, cursor }, schema: apiKeyListSchema, signal });

const fetchReviewPage = (query: ReviewQuery, cursor: string | undefined, signal?: AbortSignal) =>
  api.get(paths.adminApiKeys, { query: { ...query, cursor }, schema: adminApiKeyListSchema, signal });

/**
 * Every token query under one root: my list, one token and its timeline, and the admin review. The
 * same token shows on several pages, so any token mutation invalidates `['tokens']` and none of them
 * can keep showing it as it was.
 */
export const tokenQueries = {
  all: () => ['tokens'] as const,
  lists: () => [...tokenQueries.all(), 'list'] as const,
  /** One server page per "Load more": the keyset cursor is the page param. */
  list: (filters: TokenFilters) =>
    infiniteQueryOptions({
      queryKey: [...tokenQueries.lists(), filters],
      queryFn: ({ pageParam, signal }) => fetchTokenPage(filters, pageParam, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      // Other filters keep the old rows on screen (marked busy) instead of flashing a skeleton.
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...tokenQueries.all(), 'detail', id],
      queryFn: ({ signal }) => api.get(paths.apiKey(id), { schema: apiKeySchema, signal }),
    }),
  /** The token's timeline: created, first use, rotations and their grace, rejections, revoke. */
  events: (id: string) =>
    queryOptions({
      queryKey: [...tokenQueries.detail(id).queryKey, 'events'],
      queryFn: ({ signal }) => api.get(paths.apiKeyEvents(id), { schema: apiKeyEventListSchema, signal }),
    }),
  /** Everyone's tokens, for admins. One page per "Load more"; rows only, no counts. */
  review: (query: ReviewQuery) =>
    infiniteQueryOptions({
      queryKey: [...tokenQueries.all(), 'review', 'list', query],
      queryFn: ({ pageParam, signal }) => fetchReviewPage(query, pageParam, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      // Switching views keeps the old rows on screen (marked busy) instead of flashing a skeleton.
      placeholderData: keepPreviousData,
    }),
  /**
   * The review's numbers for one set of filters (not the sort: re-sorting keeps them). A scan of every
   * match, so it is its own request and the rows never wait for it.
   */
  reviewSummary: (filter: ReviewFilter) =>
    queryOptions({
      queryKey: [...tokenQueries.all(), 'review', 'summary', filter],
      queryFn: ({ signal }) => api.get(paths.adminApiKeysSummary, { query: filter, schema: adminApiKeySummarySchema, signal }),
      // The quick-view counts stay on screen while another view's numbers load.
      placeholderData: keepPreviousData,
    }),
};

export const tokenMutations = {
  /**
   * The reply holds the one-time secret: `gcTime: 0` so the mutation leaves the cache as soon as
   * the dialog resets it, and the result is never copied into a query.
   */
  create: () =>
    mutationOptions({
      mutationKey: [...tokenQueries.all(), 'create'],
      mutationFn: (request: CreateApiKeyRequest) =>
        api.post(paths.apiKeys, { body: request, schema: createApiKeyResponseSchema }),
      gcTime: 0,
      meta: { invalidates: [tokenQueries.all()] },
    }),
  /**
   * Revoke at once, optimistically: every cached list drops (or marks) the token before the server
   * answers; a refusal puts the snapshots back. Every token query is refetched either way.
   */
  revoke: () =>
    mutationOptions({
      mutationKey: [...tokenQueries.all(), 'revoke'],
      mutationFn: (token: ApiKey) => api.delete(paths.apiKey(token.id)),
      onMutate: async (token, { client }) => {
        await client.cancelQueries({ queryKey: tokenQueries.all() });
        const lists = client.getQueriesData<TokenPages>({ queryKey: tokenQueries.lists() });
        const detail = tokenQueries.detail(token.id).queryKey;
        const snapshot: [readonly unknown[], unknown][] = [...lists, [detail, client.getQueryData(detail)]];
        const revokedAt = new Date().toISOString();
        for (const [queryKey, data] of lists) {
          if (data) client.setQueryData(queryKey, revokeInPages(data, queryKey[2] as TokenFilters, token.id, revokedAt));
        }
        client.setQueryData(detail, (data: ApiKey | undefined) => (data ? markRevoked(data, revokedAt) : data));
        return { snapshot };
      },
      onError: (_error, _token, result, { client }) => {
        for (const [queryKey, data] of result?.snapshot ?? []) client.setQueryData(queryKey, data);
      },
      // Not `meta.invalidates`: that runs on success only, and a failed revoke must be refetched too.
      onSettled: (_data, _error, _token, _result, { client }) => client.invalidateQueries({ queryKey: tokenQueries.all() }),
    }),
  /** Admins, from the review: all or nothing on the server. */
  bulkRevoke: () =>
    mutationOptions({
      mutationKey: [...tokenQueries.all(), 'bulk-revoke'],
      mutationFn: (request: BulkRevokeRequest) =>
        api.post(paths.adminApiKeysRevoke, { body: request, schema: bulkRevokeResponseSchema }),
      meta: { invalidates: [tokenQueries.all()] },
    }),
  /** Like create, the reply holds a secret: `gcTime: 0`, reset on close, never copied into a query. */
  rotate: () =>
    mutationOptions({
      mutationKey: [...tokenQueries.all(), 'rotate'],
      mutationFn: ({ id, ...request }: RotateApiKeyRequest & { id: string }) =>
        api.post(paths.apiKeyRotate(id), { body: request, schema: createApiKeyResponseSchema }),
      gcTime: 0,
      meta: { invalidates: [tokenQueries.all()] },
    }),
  /** Ends a rotation's grace period now: the previous secret stops working. */
  cutOff: () =>
    mutationOptions({
      mutationKey: [...tokenQueries.all(), 'cut-off'],
      mutationFn: (id: string) => api.post(paths.apiKeyRotateCutOff(id)),
      meta: { invalidates: [tokenQueries.all()] },
    }),
  /**
   * "Test a token": a mutation, not a query, so the pasted secret is never a query key. It is the
   * variable: `gcTime: 0` so it leaves the cache with the result. Changes nothing, invalidates nothing.
   */
  check: () =>
    mutationOptions({
      mutationKey: [...tokenQueries.all(), 'check'],
      mutationFn: (token: string) => api.post(paths.tokenChecks, { body: { token }, schema: tokenCheckResponseSchema }),
      gcTime: 0,
    }),
  /**
   * "Report as leaked": the secret itself is the proof, so it is the variable, like `check` (`gcTime: 0`).
   * The answer is the same whatever the token was; any of mine may have been revoked, so all are refetched.
   */
  reportLeaked: () =>
    mutationOptions({
      mutationKey: [...tokenQueries.all(), 'report-leaked'],
      mutationFn: (token: string) => api.post(paths.revokeLeaked, { body: { token }, schema: revokeLeakedResponseSchema }),
      gcTime: 0,
      meta: { invalidates: [tokenQueries.all()] },
    }),
};
