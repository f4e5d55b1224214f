import type { ApiKey } from '../../../contract/tokens';
import { isApiError } from '../../../lib/api-client';

/** Why a revoke failed, naming the token; whether it is still active or gone. */
export function revokeFailureMessage(token: ApiKey, error: unknown): string {
  if (isApiError(error) && error.type === 'not_found_error') {
    return `Couldn’t revoke “${token.name}”: it no longer exists. It may have been revoked elsewhere.`;
  }
  const reason = isApiError(error) ? error.message.replace(/[.\s]+$/, '') : 'something went wrong';
  return `Couldn’t revoke “${token.name}”: ${reason}. It is still active.`;
}
