import { useMutation } from '@tanstack/react-query';
import { memo, useState, type FormEvent } from 'react';
import type { Environment, Policy } from '../../../contract/policy';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card, CardBody, CardHeader } from '../../../components/ui/card';
import { SelectField } from '../../../components/ui/select';
import { TextField } from '../../../components/ui/text-field';
import { isApiError } from '../../../lib/api-client';
import { policyMutations } from '../api';
import { formToRequest, policyToForm, type PolicyForm } from '../utils/policy-form';

/**
 * The token policy as a form, for admins. Checked here with the contract's own schema, and again by
 * the server; a 422 from the server lands on the same fields. Memoized: the review above it re-renders
 * the page on every filter change, and this form has nothing to do with those.
 */
export const PolicyEditor = memo(function PolicyEditor({ policy }: { policy: Policy }) {
  const [form, setForm] = useState<PolicyForm>(() => policyToForm(policy));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation(policyMutations.update());

  function change(next: Partial<PolicyForm>) {
    setSaved(false);
    setForm((current) => ({ ...current, ...next }));
  }

  function changeEnvironment(index: number, next: Partial<Environment>) {
    change({ environments: form.environments.map((e, i) => (i === index ? { ...e, ...next } : e)) });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = formToRequest(form);
    if (!result.ok) {
      setFields(result.fields);
      return;
    }
    setFields({});
    save.mutate(result.request, {
      onSuccess: (updated) => {
        setForm(policyToForm(updated));
        setSaved(true);
      },
      onError: (error) => {
        if (isApiError(error)) setFields(error.fields);
      },
    });
  }

  const hasErrors = Object.keys(fields).length > 0;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="policy-editor-heading">
      <Card>
        <CardHeader>
          <h2 id="policy-editor-heading" className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
            Token policy
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Applies to tokens made from now on; existing tokens keep their expiry and scopes.
          </p>
        </CardHeader>
        <CardBody className="space-y-6">
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label="Default lifetime (days)"
              inputMode="numeric"
              value={form.defaultLifetimeDays}
              onChange={(e) => change({ defaultLifetimeDays: e.target.value })}
              error={fields.defaultLifetimeDays}
            />
            <TextField
              label="Maximum lifetime (days)"
              inputMode="numeric"
              value={form.maxLifetimeDays}
              onChange={(e) => change({ maxLifetimeDays: e.target.value })}
              error={fields.maxLifetimeDays}
            />
            <TextField
              label="Active tokens per person"
              inputMode="numeric"
              placeholder="No limit"
              value={form.maxActiveTokensPerUser}
              onChange={(e) => change({ maxActiveTokensPerUser: e.target.value })}
              error={fields.maxActiveTokensPerUser}
            />
          </div>

          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Environments</legend>
            {fields.environments ? <p className="text-sm text-red-700 dark:text-red-300">{fields.environments}</p> : null}
            {form.environments.map((environment, index) => (
              <div key={index} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
                <div className="grid gap-3 sm:grid-cols-[1fr_1fr_8rem_auto] sm:items-start">
                  <TextField
                    label={`Environment ${index + 1} label`}
                    value={environment.label}
                    onChange={(e) => changeEnvironment(index, { label: e.target.value })}
                    error={fields[`environments.${index}.label`]}
                  />
                  <TextField
                    label={`Environment ${index + 1} id`}
                    value={environment.id}
                    onChange={(e) => changeEnvironment(index, { id: e.target.value })}
                    error={fields[`environments.${index}.id`]}
                  />
                  <TextField
                    label={`Environment ${index + 1} tag`}
                    value={environment.tag}
                    onChange={(e) => changeEnvironment(index, { tag: e.target.value })}
                    error={fields[`environments.${index}.tag`]}
                  />
                  <Button
                    variant="ghost"
                    className="sm:mt-6"
                    disabled={form.environments.length === 1}
                    onClick={() => change({ environments: form.environments.filter((_, i) => i !== index) })}
                    aria-label={`Remove environment ${environment.label || index + 1}`}
                  >
                    Remove
                  </Button>
                </div>
                <ScopeRestriction
                  policy={policy}
                  environment={environment}
                  allowed={form.restricted[environment.id]}
                  onChange={(allowed) => {
                    const restricted = { ...form.restricted };
                    if (allowed === undefined) delete restricted[environment.id];
                    else restricted[environment.id] = allowed;
                    change({ restricted });
                  }}
                  error={fields[`allowedScopesByEnvironment.${environment.id}`]}
                />
              </div>
            ))}
            <Button
              variant="secondary"
              size="sm"
              onClick={() => change({ environments: [...form.environments, { id: '', label: '', tag: '' }] })}
            >
              Add environment
            </Button>
          </fieldset>

          <SelectField
            label="Default environment"
            className="max-w-xs"
            value={form.defaultEnvironment}
            options={form.environments.filter((e) => e.id).map((e) => ({ value: e.id, label: e.label || e.id }))}
            onValueChange={(defaultEnvironment) => change({ defaultEnvironment })}
          />
          {fields.defaultEnvironment ? <p className="text-sm text-red-700 dark:text-red-300">{fields.defaultEnvironment}</p> : null}

          {hasErrors ? <Alert tone="error" title="The policy was not saved.">Fix the highlighted fields and save again.</Alert> : null}
          {save.isError && !hasErrors ? (
            <Alert tone="error" title="The policy was not saved.">
              {isApiError(save.error) ? save.error.message : 'Something went wrong. Try again.'}
            </Alert>
          ) : null}
          <div className="flex items-center justify-end gap-3">
            {saved ? (
              <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
                Policy saved.
              </p>
            ) : null}
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save policy'}
            </Button>
          </div>
        </CardBody>
      </Card>
    </form>
  );
});

function ScopeRestriction({
  policy,
  environment,
  allowed,
  onChange,
  error,
}: {
  policy: Policy;
  environment: Environment;
  allowed: string[] | undefined;
  onChange: (allowed: string[] | undefined) => void;
  error?: string;
}) {
  const name = environment.label || environment.id || 'this environment';
  return (
    <fieldset className="mt-3">
      <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Scopes allowed for {name}</legend>
      <label className="mt-2 flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
        <input
          type="checkbox"
          checked={allowed === undefined}
          disabled={!environment.id}
          onChange={(e) => onChange(e.target.checked ? undefined : policy.scopes.map((s) => s.id))}
          className="size-4 accent-indigo-600 dark:accent-indigo-400"
        />
        Every scope
      </label>
      {allowed !== undefined ? (
        <div className="mt-2 grid gap-1 sm:grid-cols-2 lg:grid-cols-4">
          {policy.scopes.map((scope) => (
            <label key={scope.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={allowed.includes(scope.id)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? policy.scopes.map((s) => s.id).filter((id) => id === scope.id || allowed.includes(id))
                      : allowed.filter((id) => id !== scope.id),
                  )
                }
                className="size-4 accent-indigo-600 dark:accent-indigo-400"
              />
              <code className="font-mono text-xs">{scope.id}</code>
            </label>
          ))}
        </div>
      ) : null}
      {error ? <p className="mt-1 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
    </fieldset>
  );
}
