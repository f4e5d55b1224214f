import { nameProblem, narrowerTokenRequest } from '../../../contract/api-key-rules';
import type { Policy } from '../../../contract/policy';
import { nameMaxLength, type ApiKey } from '../../../contract/tokens';
import type { CreateTokenPrefill } from './create-token-form';

const narrowedSuffix = ' (narrowed)';

/**
 * The create form's start for a token the policy no longer lets you rotate: the contract's narrower
 * request, renamed while the old token still holds its name. An active token keeps its name until it
 * is revoked or expires, so the same name would only come back refused; the suffix says what the new
 * token is, and the person can edit it.
 */
export function narrowerTokenPrefill(policy: Policy, token: Pick<ApiKey, 'name' | 'description' | 'environment' | 'scopes' | 'status'>): CreateTokenPrefill {
  const request = narrowerTokenRequest(policy, token);
  if (!nameProblem(request.name, [token])) return request;
  // Shorten the name, not the suffix, and never split a surrogate pair doing so.
  const base = request.name.slice(0, nameMaxLength - narrowedSuffix.length).replace(/[\uD800-\uDBFF]$/, '').trimEnd();
  return { ...request, name: `${base}${narrowedSuffix}` };
}
