import {
  infiniteQueryOptions,
  keepPreviousData,
  mutationOptions,
  queryOptions,
  type InfiniteData,
} from '@tanstack/react-query';
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
import { markRevoked, revokeInPages } from './utils/revoke-in-list';

/** The list's filters and sort; pages (limit, cursor) are the query's business. */
export type TokenFilters = Omit<ApiKeyListQuery, 'limit' | 'cursor'>;

export type TokenPages = InfiniteData<ApiKeyList, string | undefined>;

const fetchTokenPage = (filters: TokenFilters, cursor: string | undefined, signal?: AbortSignal) =>
  api.get(paths.apiKeys, { query: { ...filters, cursor }, schema: apiKeyListSchema, signal });

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
   * answers; a refusal puts the snapshots back. Lists are refetched either way.
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
};

// Lifecycle additions: rotate (with a grace period), cut-off, timeline, test a token.
import {
  apiKeyEventListSchema,
  tokenCheckResponseSchema,
  type RotateApiKeyRequest,
} from '../../contract/lifecycle';

export const tokenLifecycleQueries = {
  events: (id: string) =>
    queryOptions({
      queryKey: [...tokenQueries.all(), 'events', id],
      queryFn: ({ signal }) => api.get(paths.apiKeyEvents(id), { schema: apiKeyEventListSchema, signal }),
    }),
};

export const tokenLifecycleMutations = {
  /** Like create, the reply holds a secret: `gcTime: 0`, reset on close, never copied into a query. */
  rotate: () =>
    mutationOptions({
      mutationKey: [...tokenQueries.all(), 'rotate'],
      mutationFn: ({ id, ...request }: RotateApiKeyRequest & { id: string }) =>
        api.post(paths.apiKeyRotate(id), { body: request, schema: createApiKeyResponseSchema }),
      gcTime: 0,
      meta: { invalidates: [tokenQueries.all()] },
    }),
  cutOff: () =>
    mutationOptions({
      mutationKey: [...tokenQueries.all(), 'cut-off'],
      mutationFn: (id: string) => api.post(paths.apiKeyRotateCutOff(id)),
      meta: { invalidates: [tokenQueries.all()] },
    }),
  /** The pasted secret is the mutation's variable: `gcTime: 0` so it leaves the cache with the result. */
  check: () =>
    mutationOptions({
      mutationKey: [...tokenQueries.all(), 'check'],
      mutationFn: (token: string) => api.post(paths.tokenChecks, { body: { token }, schema: tokenCheckResponseSchema }),
      gcTime: 0,
    }),
};
