import type { ApiKey } from '../../../contract/tokens';

const warnWithinMs = 7 * 24 * 60 * 60 * 1000;

/** An active token that stops working within a week: time to rotate it. */
export function isExpiringSoon(token: Pick<ApiKey, 'status' | 'expiresAt'>, now: Date): boolean {
  if (token.status !== 'active') return false;
  const left = Date.parse(token.expiresAt) - now.getTime();
  return left > 0 && left <= warnWithinMs;
}

export function expiringSoonLabel(count: number): string {
  return count === 1 ? '1 token expires within 7 days' : `${count} tokens expire within 7 days`;
}

/** Where a token's own page lives (the detail route). */
export const tokenDetailPath = (id: string) => `/account/integrations/tokens/${encodeURIComponent(id)}`;
