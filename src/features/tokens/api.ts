import { queryOptions } from '@tanstack/react-query';
import { paths } from '../../contract/paths';
import { apiKeyListSchema, apiKeySchema, type ApiKeyListQuery } from '../../contract/tokens';
import { api } from '../../lib/api-client';
// Create-token additions (mutation options below).
import { mutationOptions } from '@tanstack/react-query';
import { createApiKeyResponseSchema, type CreateApiKeyRequest } from '../../contract/tokens';
// Revoke additions.
import type { ApiKey, ApiKeyList } from '../../contract/tokens';
import { markRevoked, revokeInList } from './utils/revoke-in-list';

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
        const snapshot = client.getQueriesData<ApiKeyList | ApiKey>({ queryKey: tokenQueries.all() });
        const revokedAt = new Date().toISOString();
        for (const [queryKey, data] of snapshot) {
          if (!data) continue;
          const filters = queryKey[1] === 'list' ? (queryKey[2] as TokenFilters) : undefined;
          if (filters && 'data' in data) client.setQueryData(queryKey, revokeInList(data, filters, token.id, revokedAt));
          else if (!('data' in data) && data.id === token.id) client.setQueryData(queryKey, markRevoked(data, revokedAt));
        }
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
