import { nameSchema, type CreateApiKeyRequest } from '../../../contract/tokens';
import type { Policy } from '../../../contract/policy';
import { expiryRequest, validateCustomDate, type ExpiryChoice } from './expiry-options';
import { allowedScopesFor, groupScopes, selectionToScopes, type ScopeSelection } from './scope-selection';

export const nameMaxLength = 100;
export const descriptionMaxLength = 500;

export type CreateTokenFormValues = {
  name: string;
  description: string;
  environment: string;
  access: ScopeSelection;
  expiry: ExpiryChoice;
};

export type CreateTokenField = 'name' | 'description' | 'environment' | 'scopes' | 'expiry';
export type CreateTokenErrors = Partial<Record<CreateTokenField, string>>;

export function initialFormValues(policy: Policy, defaultExpiry: ExpiryChoice): CreateTokenFormValues {
  const environment = policy.environments.some((env) => env.id === policy.defaultEnvironment)
    ? policy.defaultEnvironment
    : (policy.environments[0]?.id ?? '');
  // Least privilege: no scope is chosen until the user chooses one.
  return { name: '', description: '', environment, access: {}, expiry: defaultExpiry };
}

/**
 * Checks the form the way the server will and builds the request once nothing is wrong.
 * `errors` holds a message per field; a field left empty but not yet wrong has none.
 */
export function validateCreateTokenForm(
  values: CreateTokenFormValues,
  policy: Policy,
  now: Date,
): { errors: CreateTokenErrors; request: CreateApiKeyRequest | null } {
  const errors: CreateTokenErrors = {};

  const name = nameSchema.safeParse(values.name);
  if (!name.success && values.name.length > 0) errors.name = name.error.issues[0]?.message;

  const description = values.description.trim();
  if (description.length > descriptionMaxLength) {
    errors.description = `A description has at most ${descriptionMaxLength} characters.`;
  }

  const environment = policy.environments.find((env) => env.id === values.environment);
  if (!environment) errors.environment = 'Choose an environment.';

  const groups = groupScopes(environment ? allowedScopesFor(policy, environment.id) : []);
  const scopes = selectionToScopes(values.access, groups);

  if (values.expiry.kind === 'custom') {
    const problem = validateCustomDate(values.expiry.date, now, policy.maxLifetimeDays);
    // An empty date is "not done yet", not an error to shout about.
    if (problem && values.expiry.date) errors.expiry = problem;
  }
  const expiry = expiryRequest(values.expiry, now, policy.maxLifetimeDays);

  const complete = name.success && environment && scopes.length > 0 && expiry !== null;
  if (!complete || Object.keys(errors).length > 0) return { errors, request: null };

  return {
    errors,
    request: {
      name: name.data,
      ...(description ? { description } : {}),
      environment: environment.id,
      scopes,
      ...expiry,
    },
  };
}

const fieldForApiKey: Record<string, CreateTokenField> = {
  name: 'name',
  description: 'description',
  environment: 'environment',
  scopes: 'scopes',
  expiresInDays: 'expiry',
  expiresAt: 'expiry',
};

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
