import type { InfiniteData } from '@tanstack/react-query';
import type { ApiKey, ApiKeyList, ApiKeyListQuery } from '../../../contract/tokens';

/**
 * What a cached list looks like once `id` is revoked, before the server confirms it: gone from a list
 * that only shows active (or expired) tokens, marked revoked where revoked tokens belong.
 * A "revoked only" list is left alone; the invalidation after the mutation brings the token in.
 */
export function revokeInList(list: ApiKeyList, filters: ApiKeyListQuery, id: string, revokedAt: string): ApiKeyList {
  const status = filters.status ?? 'active';
  if (!list.data.some((token) => token.id === id)) return list;
  if (status === 'all') {
    return { ...list, data: list.data.map((token) => (token.id === id ? markRevoked(token, revokedAt) : token)) };
  }
  if (status === 'revoked') return list;
  return { ...list, data: list.data.filter((token) => token.id !== id) };
}

/**
 * `revokeInList` over every loaded page, with what the pages say beyond their rows: one fewer match
 * where the token left the list, and a revoked token no longer "expires soon".
 */
export function revokeInPages<T extends InfiniteData<ApiKeyList, unknown>>(
  pages: T,
  filters: ApiKeyListQuery,
  id: string,
  revokedAt: string,
): T {
  const lists = pages.pages.map((page) => revokeInList(page, filters, id, revokedAt));
  const left = lists.some((list, index) => list.data.length < (pages.pages[index]?.data.length ?? 0));
  return {
    ...pages,
    pages: lists.map((list) => {
      const expiring = list.expiringSoon.data.some((token) => token.id === id);
      return {
        ...list,
        total: left ? Math.max(0, list.total - 1) : list.total,
        expiringSoon: expiring
          ? { count: Math.max(0, list.expiringSoon.count - 1), data: list.expiringSoon.data.filter((token) => token.id !== id) }
          : list.expiringSoon,
      };
    }),
  };
}

export function markRevoked(token: ApiKey, revokedAt: string): ApiKey {
  return { ...token, status: 'revoked', revokedAt };
}
