import type { ApiKey } from '../../../contract/tokens';

/**
 * "Expiring soon" has one definition, the server's for the banner's count (within 7 days, inclusive):
 * the badge, the warning colour of an expiry and the banner all read it here.
 */
export const expiringSoonWithinMs = 7 * 24 * 60 * 60 * 1000;

/** Whether an expiry this far ahead (in ms) counts as soon: the same window as the banner's. */
export function isSoon(left: number): boolean {
  return left > 0 && left <= expiringSoonWithinMs;
}

/** An active token that stops working within a week: time to rotate it. */
export function isExpiringSoon(token: Pick<ApiKey, 'status' | 'expiresAt'>, now: Date): boolean {
  if (token.status !== 'active') return false;
  return isSoon(Date.parse(token.expiresAt) - now.getTime());
}

export function expiringSoonLabel(count: number): string {
  return count === 1 ? '1 token expires within 7 days' : `${count} tokens expire within 7 days`;
}

/** Where a token's own page lives (the detail route). */
export const tokenDetailPath = (id: string) => `/account/integrations/tokens/${encodeURIComponent(id)}`;
