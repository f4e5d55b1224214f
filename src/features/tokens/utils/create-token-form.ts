import { z } from 'zod/mini';
import { allowedScopesFor, environmentProblem, expiryFor, findEnvironment, scopesProblem } from '../../../contract/api-key-rules';
import type { Policy } from '../../../contract/policy';
import { createApiKeyRequestSchema, type CreateApiKeyRequest } from '../../../contract/tokens';
import { expiryRequest, validateCustomDate, type ExpiryChoice } from './expiry-options';
import { groupScopes, scopesToSelection, selectionToScopes, type ScopeSelection } from './scope-selection';


export type CreateTokenFormValues = {
  name: string;
  description: string;
  environment: string;
  access: ScopeSelection;
  expiry: ExpiryChoice;
};

export type CreateTokenField = keyof CreateTokenFormValues;
export type CreateTokenErrors = Partial<Record<CreateTokenField, string>>;

/** What the form may start from instead of a blank one, e.g. a narrower copy of a token the policy no longer allows. */
export type CreateTokenPrefill = Pick<CreateApiKeyRequest, 'name' | 'description' | 'environment' | 'scopes'>;

export function initialFormValues(policy: Policy, defaultExpiry: ExpiryChoice, prefill?: CreateTokenPrefill): CreateTokenFormValues {
  const fallback = policy.environments.some((env) => env.id === policy.defaultEnvironment)
    ? policy.defaultEnvironment
    : (policy.environments[0]?.id ?? '');
  // Least privilege: no scope is chosen until the user chooses one, or a prefill chose them.
  if (!prefill) return { name: '', description: '', environment: fallback, access: {}, expiry: defaultExpiry };
  const environment = findEnvironment(policy, prefill.environment)?.id ?? fallback;
  return {
    name: prefill.name,
    description: prefill.description ?? '',
    environment,
    access: scopesToSelection(prefill.scopes, groupScopes(allowedScopesFor(policy, environment))),
    expiry: defaultExpiry,
  };
}

/** The scope ids the form's choices stand for, limited to what its environment allows. */
export function chosenScopes(values: Pick<CreateTokenFormValues, 'environment' | 'access'>, policy: Policy): string[] {
  const environment = findEnvironment(policy, values.environment);
  return selectionToScopes(values.access, groupScopes(environment ? allowedScopesFor(policy, environment.id) : []));
}

/** The create request the form's values stand for; send it once the schema below passes. */
export function toCreateRequest(values: CreateTokenFormValues, policy: Policy, now: Date): CreateApiKeyRequest {
  const description = values.description.trim();
  return {
    name: values.name.trim(),
    ...(description ? { description } : {}),
    environment: values.environment,
    scopes: chosenScopes(values, policy),
    ...(expiryRequest(values.expiry, now, policy.maxLifetimeDays) ?? {}),
  };
}

const fieldForApiKey: Record<string, CreateTokenField> = {
  name: 'name',
  description: 'description',
  environment: 'environment',
  scopes: 'access',
  expiresInDays: 'expiry',
  expiresAt: 'expiry',
};

/**
 * The form checked the way the server checks the request: the name and description by the
 * contract's request schema, the environment, scopes and lifetime by the contract's create rules,
 * with the server's messages. Every unmet field has an issue, an empty one too; when to show them is
 * the form's business (a field's message appears once the user has changed it, or on submit).
 */
export function createTokenFormSchema(policy: Policy, now: Date) {
  const request = createApiKeyRequestSchema.shape;
  return z
    .object({
      name: request.name,
      // The contract's check of a description that is there (the form always has one, maybe empty).
      description: request.description.def.innerType,
      environment: z.string(),
      access: z.custom<ScopeSelection>(),
      expiry: z.custom<ExpiryChoice>(),
    })
    .check(
      z.superRefine((values, ctx) => {
        const issue = (field: CreateTokenField, message: string) =>
          ctx.addIssue({ code: 'custom', path: [field], message, input: values[field] });

        const environmentMessage = environmentProblem(policy, values.environment);
        if (environmentMessage) issue('environment', environmentMessage);

        const scopes = chosenScopes(values, policy);
        const scopeCount = request.scopes.safeParse(scopes);
        const scopesMessage = scopeCount.success ? scopesProblem(policy, values.environment, scopes) : scopeCount.error.issues[0]?.message;
        if (scopesMessage) issue('access', scopesMessage);

        const dateMessage = values.expiry.kind === 'custom' ? validateCustomDate(values.expiry.date, now, policy) : undefined;
        const expiry = expiryRequest(values.expiry, now, policy.maxLifetimeDays);
        const lifetime = expiry ? expiryFor(expiry, policy, now) : undefined;
        const lifetimeMessage = lifetime && !lifetime.ok ? Object.values(lifetime.fields)[0] : undefined;
        if (dateMessage ?? lifetimeMessage) issue('expiry', (dateMessage ?? lifetimeMessage)!);
      }),
    );
}

/** Each message of `createTokenFormSchema`, by field, or an empty object when the form is ready to send. */
export function createTokenFormErrors(values: CreateTokenFormValues, policy: Policy, now: Date): CreateTokenErrors {
  const parsed = createTokenFormSchema(policy, now).safeParse(values);
  const errors: CreateTokenErrors = {};
  for (const issue of parsed.error?.issues ?? []) {
    errors[issue.path[0] as CreateTokenField] ??= issue.message;
  }
  return errors;
}

/** Sorts the API's `fields` into the form's inputs; keys the form has no input for come back as `other`. */
export function mapApiFieldErrors(fields: Readonly<Record<string, string>>): { errors: CreateTokenErrors; other: string[] } {
  const errors: CreateTokenErrors = {};
  const other: string[] = [];
  for (const [key, message] of Object.entries(fields)) {
    const field = fieldForApiKey[key];
    if (field) errors[field] ??= message;
    else other.push(message);
  }
  return { errors, other };
}
