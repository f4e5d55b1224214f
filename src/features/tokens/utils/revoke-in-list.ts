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
    return { data: list.data.map((token) => (token.id === id ? markRevoked(token, revokedAt) : token)) };
  }
  if (status === 'revoked') return list;
  return { data: list.data.filter((token) => token.id !== id) };
}

export function markRevoked(token: ApiKey, revokedAt: string): ApiKey {
  return { ...token, status: 'revoked', revokedAt };
}
