import { updatePolicyRequestSchema, type UpdatePolicyRequest } from '../../../contract/policy-update';
import type { Environment, Policy } from '../../../contract/policy';

/** What the editor's inputs hold: numbers as typed, "all scopes" as a flag per environment. */
export type PolicyForm = {
  defaultLifetimeDays: string;
  maxLifetimeDays: string;
  maxActiveTokensPerUser: string;
  environments: Environment[];
  defaultEnvironment: string;
  /** Environment id → allowed scope ids; missing means every scope. */
  restricted: Record<string, string[]>;
};

export function policyToForm(policy: Policy): PolicyForm {
  return {
    defaultLifetimeDays: String(policy.defaultLifetimeDays),
    maxLifetimeDays: String(policy.maxLifetimeDays),
    maxActiveTokensPerUser: policy.maxActiveTokensPerUser === null ? '' : String(policy.maxActiveTokensPerUser),
    environments: policy.environments.map((e) => ({ ...e })),
    defaultEnvironment: policy.defaultEnvironment,
    restricted: structuredClone(policy.allowedScopesByEnvironment),
  };
}

const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** The request, or the same per-field messages the server would answer with (422). */
export function formToRequest(form: PolicyForm): { ok: true; request: UpdatePolicyRequest } | { ok: false; fields: Record<string, string> } {
  const ids = new Set(form.environments.map((e) => e.id));
  const candidate = {
    defaultLifetimeDays: toNumber(form.defaultLifetimeDays),
    maxLifetimeDays: toNumber(form.maxLifetimeDays),
    maxActiveTokensPerUser: form.maxActiveTokensPerUser.trim() === '' ? null : toNumber(form.maxActiveTokensPerUser),
    environments: form.environments,
    defaultEnvironment: form.defaultEnvironment,
    allowedScopesByEnvironment: Object.fromEntries(Object.entries(form.restricted).filter(([id]) => ids.has(id))),
  };
  const parsed = updatePolicyRequestSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, request: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.');
    // NaN is "expected number": say what to type instead.
    fields[key] ??= issue.code === 'invalid_type' ? 'Enter a number.' : issue.message;
  }
  return { ok: false, fields };
}
