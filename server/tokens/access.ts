import type { Caller } from '../context';
import type { TokenAccess } from '../db/api-keys';

/**
 * Which tokens a caller may read and revoke: admins anyone's; everyone else their own and those of the
 * service accounts they manage.
 */
export function readableTokens(caller: Caller): TokenAccess {
  return caller.user.role === 'admin' ? null : { userId: caller.user.id, allServiceAccounts: false };
}

/** Whose tokens a caller may be handed a new secret of: their own, and a service account's (its managers, admins). */
export function secretTokens(caller: Caller): TokenAccess {
  return { userId: caller.user.id, allServiceAccounts: caller.user.role === 'admin' };
}

/** The caller's own tokens only (a token revoking itself). */
export const ownTokens = (caller: Caller): TokenAccess => ({ userId: caller.user.id, allServiceAccounts: false });
