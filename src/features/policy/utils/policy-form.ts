import { updatePolicyRequestSchema, type UpdatePolicyRequest } from '../../../contract/policy-update';
import type { Environment, Policy } from '../../../contract/policy';

/**
 * What the editor's inputs hold: numbers as typed; an environment missing from
 * `allowedScopesByEnvironment` allows every scope. The names follow the request, so the contract's
 * issue paths and the server's 422 `fields` land on the inputs as they are.
 */
export type PolicyForm = {
  defaultLifetimeDays: string;
  maxLifetimeDays: string;
  maxActiveTokensPerUser: string;
  environments: Environment[];
  defaultEnvironment: string;
  allowedScopesByEnvironment: Record<string, string[]>;
};

export function policyToForm(policy: Policy): PolicyForm {
  return {
    defaultLifetimeDays: String(policy.defaultLifetimeDays),
    maxLifetimeDays: String(policy.maxLifetimeDays),
    maxActiveTokensPerUser: policy.maxActiveTokensPerUser === null ? '' : String(policy.maxActiveTokensPerUser),
    environments: policy.environments.map((e) => ({ ...e })),
    defaultEnvironment: policy.defaultEnvironment,
    allowedScopesByEnvironment: structuredClone(policy.allowedScopesByEnvironment),
  };
}

const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * The form read as the request, before checking: what the contract's schema (and so the server's
 * rules and messages) is given. Restrictions of environments removed in this edit go with them.
 */
export function formToCandidate(form: PolicyForm) {
  const ids = new Set(form.environments.map((e) => e.id));
  return {
    defaultLifetimeDays: toNumber(form.defaultLifetimeDays),
    maxLifetimeDays: toNumber(form.maxLifetimeDays),
    maxActiveTokensPerUser: form.maxActiveTokensPerUser.trim() === '' ? null : toNumber(form.maxActiveTokensPerUser),
    environments: form.environments,
    defaultEnvironment: form.defaultEnvironment,
    allowedScopesByEnvironment: Object.fromEntries(Object.entries(form.allowedScopesByEnvironment).filter(([id]) => ids.has(id))),
  };
}

/** Parse options for the schema: a number field holding something else (NaN) asks for a number. */
export const policyFormParseOptions = {
  error: (issue: { code?: string }) => (issue.code === 'invalid_type' ? 'Enter a number.' : undefined),
};

/** The request, or the same per-field messages the server would answer with (422). */
export function formToRequest(form: PolicyForm): { ok: true; request: UpdatePolicyRequest } | { ok: false; fields: Record<string, string> } {
  const parsed = updatePolicyRequestSchema.safeParse(formToCandidate(form), policyFormParseOptions);
  if (parsed.success) return { ok: true, request: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.')] ??= issue.message;
  return { ok: false, fields };
}
