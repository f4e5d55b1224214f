import type { GracePeriod } from './lifecycle';
import { gracePeriodMs } from './lifecycle';
import { withImpliedScopes, type Environment, type Policy, type Scope } from './policy';
import type { ApiKey, CreateApiKeyRequest } from './tokens';

/**
 * The rules a token must meet to be created or rotated, beyond the request schema: which
 * environments and scopes the policy allows, how long a token may live, what happens to its
 * lifetime on a rotate — with the messages a person sees when one is broken. Pure functions over
 * the contract's types, with `now` passed in: the server enforces them, the SPA's form checks
 * them before sending, and the mocks answer with them.
 */

/** Milliseconds in a day: lifetimes are counted in whole days of 24 hours. */
export const dayMs = 24 * 60 * 60 * 1000;

/** A rule's verdict: the value it allows, or a message per request field that breaks it. */
export type RuleResult<T> = { ok: true; value: T } | { ok: false; fields: Record<string, string> };

/** A create request that meets every rule, in the form the token is stored. */
export type CheckedApiKeyRequest = {
  environment: Environment;
  /** With the reads that writes imply, in catalog order. */
  scopes: string[];
  expiresAt: Date;
  description: string | null;
};

/** The messages of the rules that only the store can check (names, counts, a revoked token). */
export const apiKeyRuleMessages = {
  nameTaken: (name: string) => `You already have an active token named “${name}”.`,
  tooManyActive: (max: number) => `You can have at most ${max} active tokens. Revoke one you no longer use first.`,
  revokedCannotRotate: 'This token is revoked and can’t be rotated. Create a new token instead.',
  nameTakenOnRenew: (name: string) => `You already have an active token named “${name}”. Revoke or rename it before renewing this one.`,
} as const;

/**
 * What two names are compared by: names that look alike are one name. Compatibility forms fold
 * (fullwidth `Ｄｅｐｌｏｙ`, `ﬁ`, a composed or decomposed `é`: NFKC), characters nobody sees are
 * dropped, and case is ignored. The database keeps this key of an active token's name in `active_name`.
 */
export function nameKey(name: string): string {
  return name.trim().normalize('NFKC').replace(/\p{Default_Ignorable_Code_Point}/gu, '').toLowerCase().normalize('NFKC');
}

/**
 * Why this name cannot be used, or undefined when it can: a name is unique among one owner's
 * active tokens, compared by `nameKey` (the database holds the same rule on that key).
 */
export function nameProblem(name: string, ownTokens: readonly Pick<ApiKey, 'name' | 'status'>[]): string | undefined {
  const wanted = nameKey(name);
  const taken = ownTokens.some((token) => token.status === 'active' && nameKey(token.name) === wanted);
  return taken ? apiKeyRuleMessages.nameTaken(name.trim()) : undefined;
}

/** The environment with this id, or undefined when the policy has none. */
export function findEnvironment(policy: Policy, environmentId: string): Environment | undefined {
  return policy.environments.find((env) => env.id === environmentId);
}

/** What people call an environment (its label), falling back to the id for one the policy no longer has. */
export function environmentLabel(policy: Policy, environmentId: string): string {
  return findEnvironment(policy, environmentId)?.label ?? environmentId;
}

/**
 * The scope ids the policy lists for an environment, or undefined when it lists none (all allowed).
 * Own properties only: an environment called `constructor` must not find `Object`'s.
 */
export function allowedScopeIdsFor(policy: Policy, environmentId: string): readonly string[] | undefined {
  return Object.hasOwn(policy.allowedScopesByEnvironment, environmentId) ? policy.allowedScopesByEnvironment[environmentId] : undefined;
}

/** The catalog scopes the environment allows, in catalog order; an environment missing from the map allows them all. */
export function allowedScopesFor(policy: Policy, environmentId: string): Scope[] {
  const allowed = allowedScopeIdsFor(policy, environmentId);
  return allowed ? policy.scopes.filter((scope) => allowed.includes(scope.id)) : [...policy.scopes];
}

/** Why the environment cannot be chosen, or undefined when it can. */
export function environmentProblem(policy: Policy, environmentId: string): string | undefined {
  if (findEnvironment(policy, environmentId)) return undefined;
  return `Choose one of: ${policy.environments.map((env) => env.id).join(', ')}.`;
}

/** Why these scopes cannot be asked for (the first unknown or refused one), or undefined when they can. */
export function scopesProblem(policy: Policy, environmentId: string, scopes: readonly string[]): string | undefined {
  const environment = findEnvironment(policy, environmentId);
  const allowed = environment ? allowedScopeIdsFor(policy, environment.id) : undefined;
  for (const scope of scopes) {
    if (!policy.scopes.some((known) => known.id === scope)) return `Unknown scope “${scope}”.`;
    if (allowed && !allowed.includes(scope)) return `“${scope}” is not allowed for ${environmentLabel(policy, environmentId)} tokens.`;
  }
  return undefined;
}

/** The latest expiry the policy allows for a token made (or renewed) at `now`. */
export function latestExpiry(policy: Policy, now: Date): Date {
  return new Date(now.getTime() + policy.maxLifetimeDays * dayMs);
}

/**
 * The message for a lifetime past the policy's limit; with `lastDay` (the last day that may be picked,
 * as the reader's calendar shows it) it says which day to pick instead.
 */
export function lifetimeTooLongMessage(policy: Policy, lastDay?: string): string {
  const limit = `Tokens may live at most ${policy.maxLifetimeDays} days.`;
  return lastDay ? `${limit} Pick ${lastDay} or earlier.` : limit;
}

/**
 * When a token asked for at `now` expires: `expiresInDays` days on, the given `expiresAt`, or the
 * policy's default lifetime when the request names neither. Fails past the policy's limit or in the past.
 */
export function expiryFor(
  request: Pick<CreateApiKeyRequest, 'expiresInDays' | 'expiresAt'>,
  policy: Policy,
  now: Date,
): RuleResult<Date> {
  if (request.expiresInDays !== undefined) {
    if (request.expiresInDays > policy.maxLifetimeDays) return { ok: false, fields: { expiresInDays: lifetimeTooLongMessage(policy) } };
    return { ok: true, value: new Date(now.getTime() + request.expiresInDays * dayMs) };
  }
  if (request.expiresAt !== undefined) {
    const expiresAt = new Date(request.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) return { ok: false, fields: { expiresAt: 'The expiry date must be in the future.' } };
    if (expiresAt.getTime() > latestExpiry(policy, now).getTime()) return { ok: false, fields: { expiresAt: lifetimeTooLongMessage(policy) } };
    return { ok: true, value: expiresAt };
  }
  return { ok: true, value: new Date(now.getTime() + policy.defaultLifetimeDays * dayMs) };
}

/** Every create rule at once: each failing field is reported (the server answers 422 with them). */
export function checkApiKeyRequest(request: CreateApiKeyRequest, policy: Policy, now: Date): RuleResult<CheckedApiKeyRequest> {
  const fields: Record<string, string> = {};
  const environment = findEnvironment(policy, request.environment);
  const environmentMessage = environmentProblem(policy, request.environment);
  if (environmentMessage) fields.environment = environmentMessage;
  const scopesMessage = scopesProblem(policy, request.environment, request.scopes);
  if (scopesMessage) fields.scopes = scopesMessage;
  const expiry = expiryFor(request, policy, now);
  if (!expiry.ok) Object.assign(fields, expiry.fields);

  if (Object.keys(fields).length > 0 || !environment || !expiry.ok) return { ok: false, fields };
  return {
    ok: true,
    value: {
      environment,
      scopes: withImpliedScopes(request.scopes, policy.scopes),
      expiresAt: expiry.value,
      description: request.description ? request.description : null,
    },
  };
}

/** The scopes of a token that the policy as it is now no longer allows for its environment (or no longer knows), in the token's order. */
export function forbiddenScopesOf(policy: Policy, token: Pick<ApiKey, 'environment' | 'scopes'>): string[] {
  const allowed = allowedScopeIdsFor(policy, token.environment);
  return token.scopes.filter((scope) => !policy.scopes.some((known) => known.id === scope) || (allowed !== undefined && !allowed.includes(scope)));
}

const quoted = (ids: readonly string[]) => ids.map((id) => `“${id}”`).join(', ');

/**
 * Whether a token may be rotated or renewed under the policy as it is now: a fresh secret must not
 * carry rights the admin has since taken away. The environment it is for, or the failing field's
 * message (the server answers 422 with it; the person is offered a narrower token instead).
 */
export function checkRotation(policy: Policy, token: Pick<ApiKey, 'environment' | 'scopes'>): RuleResult<Environment> {
  const environment = findEnvironment(policy, token.environment);
  if (!environment) {
    return {
      ok: false,
      fields: { environment: `The “${token.environment}” environment is no longer allowed. Create a token for another environment instead.` },
    };
  }
  const forbidden = forbiddenScopesOf(policy, token);
  if (forbidden.length > 0) {
    const verb = forbidden.length === 1 ? 'is' : 'are';
    return {
      ok: false,
      fields: { scopes: `${quoted(forbidden)} ${verb} no longer allowed for ${environment.label} tokens. Create a narrower token instead.` },
    };
  }
  return { ok: true, value: environment };
}

/**
 * What to offer instead of a rotate the policy refuses: the same name, description and environment
 * (the policy's default when that environment is gone) with only the scopes still allowed there.
 * Without an expiry: the create form picks its default.
 */
export function narrowerTokenRequest(
  policy: Policy,
  token: Pick<ApiKey, 'name' | 'description' | 'environment' | 'scopes'>,
): Pick<CreateApiKeyRequest, 'name' | 'description' | 'environment' | 'scopes'> {
  const environment = findEnvironment(policy, token.environment)?.id ?? policy.defaultEnvironment;
  const forbidden = new Set(forbiddenScopesOf(policy, { environment, scopes: token.scopes }));
  return {
    name: token.name,
    description: token.description ?? undefined,
    environment,
    scopes: token.scopes.filter((scope) => !forbidden.has(scope)),
  };
}

/** What a rotate at `now` sets: the token's new expiry and how long the replaced secret keeps working. */
export type RotationPlan = {
  expiresAt: Date;
  previousValidUntil: Date;
  /** `none` when the token had already expired: a dead secret gets no grace period. */
  gracePeriod: GracePeriod;
};

/**
 * A rotate renews the token for as long as it lived since its creation or last rotate (never past
 * the policy's limit), and the replaced secret keeps working for the grace period, unless the
 * token had already expired.
 */
export function planRotation(
  token: { createdAt: Date; rotatedAt: Date | null; expiresAt: Date },
  gracePeriod: GracePeriod,
  policy: Pick<Policy, 'maxLifetimeDays'>,
  now: Date,
): RotationPlan {
  const wasExpired = token.expiresAt.getTime() <= now.getTime();
  const lifetimeMs = token.expiresAt.getTime() - (token.rotatedAt ?? token.createdAt).getTime();
  const granted = wasExpired ? 'none' : gracePeriod;
  return {
    expiresAt: new Date(now.getTime() + Math.min(Math.max(lifetimeMs, 0), policy.maxLifetimeDays * dayMs)),
    previousValidUntil: new Date(now.getTime() + gracePeriodMs[granted]),
    gracePeriod: granted,
  };
}
