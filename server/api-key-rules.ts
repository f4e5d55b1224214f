import { withImpliedScopes, type Environment, type Policy } from '../src/contract/policy';
import type { CreateApiKeyRequest } from '../src/contract/tokens';
import { invalidFields } from './errors';

const dayMs = 24 * 60 * 60 * 1000;

export type CheckedApiKeyRequest = {
  environment: Environment;
  /** With the reads that writes imply, in catalog order. */
  scopes: string[];
  expiresAt: Date;
  description: string | null;
};

/** The policy checks beyond the request schema; every failing field is reported at once (422). */
export function checkApiKeyRequest(request: CreateApiKeyRequest, policy: Policy, now: Date): CheckedApiKeyRequest {
  const fields: Record<string, string> = {};

  const environment = policy.environments.find((env) => env.id === request.environment);
  if (!environment) fields.environment = `Choose one of: ${policy.environments.map((env) => env.id).join(', ')}.`;

  const allowed = environment ? policy.allowedScopesByEnvironment[environment.id] : undefined;
  for (const scope of request.scopes) {
    if (!policy.scopes.some((known) => known.id === scope)) {
      fields.scopes = `Unknown scope “${scope}”.`;
      break;
    }
    if (allowed && !allowed.includes(scope)) {
      fields.scopes = `“${scope}” is not allowed for ${environment?.label ?? request.environment} tokens.`;
      break;
    }
  }

  const tooLong = `Tokens may live at most ${policy.maxLifetimeDays} days.`;
  const latest = now.getTime() + policy.maxLifetimeDays * dayMs;
  let expiresAt = new Date(now.getTime() + policy.defaultLifetimeDays * dayMs);
  if (request.expiresInDays !== undefined) {
    if (request.expiresInDays > policy.maxLifetimeDays) fields.expiresInDays = tooLong;
    expiresAt = new Date(now.getTime() + request.expiresInDays * dayMs);
  } else if (request.expiresAt !== undefined) {
    expiresAt = new Date(request.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) fields.expiresAt = 'The expiry date must be in the future.';
    else if (expiresAt.getTime() > latest) fields.expiresAt = tooLong;
  }

  if (Object.keys(fields).length > 0 || !environment) throw invalidFields(422, fields);
  return {
    environment,
    scopes: withImpliedScopes(request.scopes, policy.scopes),
    expiresAt,
    description: request.description ? request.description : null,
  };
}
