import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { memo, useEffect, useId, useRef, useState } from 'react';
import {
  Controller,
  get,
  useFieldArray,
  useForm,
  useWatch,
  type FieldErrors,
  type FieldPath,
  type Resolver,
  type ResolverResult,
} from 'react-hook-form';
import type { Environment, Policy } from '../../../contract/policy';
import { updatePolicyRequestSchema, type UpdatePolicyRequest } from '../../../contract/policy-update';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card, CardBody, CardHeader } from '../../../components/ui/card';
import { Dialog } from '../../../components/ui/dialog';
import { SelectField } from '../../../components/ui/select';
import { TextField } from '../../../components/ui/text-field';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { cx } from '../../../lib/variants';
import { policyMutations } from '../api';
import { formToCandidate, policyFormParseOptions, policyToForm, type PolicyForm } from '../utils/policy-form';

const requestResolver = zodResolver(updatePolicyRequestSchema, policyFormParseOptions);

/**
 * The contract's schema checks the form read as the request. The form's field names are the
 * request's, so the issues' paths are the inputs' names as they stand.
 */
const resolver: Resolver<PolicyForm, unknown, UpdatePolicyRequest> = async (form, context, options) => {
  const result = await requestResolver(formToCandidate(form), context, options as unknown as Parameters<typeof requestResolver>[2]);
  return result as unknown as ResolverResult<PolicyForm, UpdatePolicyRequest>;
};

/** The message at a dotted path (`environments.1.tag`), or on an array itself (`environments`). */
function messageAt(errors: FieldErrors<PolicyForm>, path: string): string | undefined {
  const error = get(errors, path) as { message?: string; root?: { message?: string } } | undefined;
  return error?.message ?? error?.root?.message;
}

/**
 * The token policy as a form, for admins. Checked here with the contract's own schema, and again by
 * the server; a 422 from the server lands on the same fields. Memoized: the review above it re-renders
 * the page on every filter change, and this form has nothing to do with those.
 */
export const PolicyEditor = memo(function PolicyEditor({ policy }: { policy: Policy }) {
  const form = useForm<PolicyForm, unknown, UpdatePolicyRequest>({ defaultValues: policyToForm(policy), resolver });
  const { register, control, handleSubmit, setError, setValue, reset } = form;
  const { errors, isDirty } = form.formState;
  const environmentRows = useFieldArray({ control, name: 'environments' });
  const environments = useWatch({ control, name: 'environments' });
  const allowedScopes = useWatch({ control, name: 'allowedScopesByEnvironment' });
  const [saved, setSaved] = useState(false);
  const [removing, setRemoving] = useState<{ index: number; name: string; inUse: boolean } | null>(null);
  const save = useMutation(policyMutations.update());
  const failureRef = useRef<HTMLDivElement>(null);
  // Environments that tokens were made for: their id and tag are in those tokens and secrets.
  const inUse = new Set(policy.environmentsInUse ?? []);
  const lockedNames = environments.filter((e) => inUse.has(e.id)).map((e) => e.label || e.id);
  const lockNoteId = useId();

  // The policy changed elsewhere (a refetch): an untouched form follows it; one being edited keeps the edits.
  useEffect(() => {
    if (!form.formState.isDirty) reset(policyToForm(policy));
  }, [policy, form, reset]);

  const submit = handleSubmit(
    (request) => {
      // Until the answer, further clicks are ignored rather than the button disabled: a disabled button drops focus to the page.
      if (save.isPending) return;
      save.mutate(request, {
        onSuccess: (updated) => {
          reset(policyToForm(updated));
          setSaved(true);
        },
        onError: (error) => {
          const fields = isApiError(error) ? Object.entries(error.fields) : [];
          // The server's 422 names the request's fields, which are the form's; focus goes to the first.
          fields.forEach(([path, message], index) => {
            setError(path as FieldPath<PolicyForm>, { type: 'server', message }, { shouldFocus: index === 0 });
          });
          if (fields.length === 0) failureRef.current?.focus();
        },
      });
    },
    // Checked here first: the first field in error has focus (react-hook-form); a message on no input gets the summary.
    (invalid) => {
      setSaved(false);
      if (!firstFocusablePath(invalid)) requestAnimationFrame(() => failureRef.current?.focus());
    },
  );

  const hasErrors = Object.keys(errors).length > 0;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="policy-editor-heading">
      <Card>
        <CardHeader>
          <h2 id="policy-editor-heading" className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
            Lifetime, environments and scopes
          </h2>
        </CardHeader>
        <CardBody className="space-y-6">
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label="Default lifetime (days)"
              inputMode="numeric"
              {...register('defaultLifetimeDays')}
              error={errors.defaultLifetimeDays?.message}
            />
            <TextField
              label="Maximum lifetime (days)"
              inputMode="numeric"
              {...register('maxLifetimeDays')}
              error={errors.maxLifetimeDays?.message}
            />
            <TextField
              label="Active tokens per person"
              inputMode="numeric"
              placeholder="No limit"
              {...register('maxActiveTokensPerUser')}
              error={errors.maxActiveTokensPerUser?.message}
            />
          </div>

          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Environments</legend>
            {messageAt(errors, 'environments') ? (
              <p className="text-sm text-red-700 dark:text-red-300">{messageAt(errors, 'environments')}</p>
            ) : null}
            {lockedNames.length > 0 ? (
              <p id={lockNoteId} className="text-sm text-zinc-600 dark:text-zinc-400">
                Tokens were made for {listFormat.format(lockedNames)}: {lockedNames.length === 1 ? 'its id and tag are' : 'their ids and tags are'} part
                of those tokens and can’t change.
              </p>
            ) : null}
            {/* Column headers for the eye; each input keeps its own full name ("Environment 2 tag") for assistive tech. */}
            <div aria-hidden="true" className={cx(environmentGrid, 'hidden px-3 text-xs font-medium text-zinc-600 sm:grid dark:text-zinc-400')}>
              <span>Label</span>
              <span>Id</span>
              <span>Tag</span>
            </div>
            {environmentRows.fields.map((row, index) => {
              const environment = environments[index] ?? form.getValues(`environments.${index}`);
              const locked = inUse.has(environment.id);
              const name = environment.label || environment.id || `environment ${index + 1}`;
              return (
                <div key={row.id} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
                  <div className={cx(environmentGrid, 'items-start')}>
                    <TextField
                      label="Label"
                      aria-label={`Environment ${index + 1} label`}
                      className={cx(hiddenLabel, 'col-span-2 sm:col-span-1')}
                      {...register(`environments.${index}.label`)}
                      error={messageAt(errors, `environments.${index}.label`)}
                    />
                    <TextField
                      label="Id"
                      aria-label={`Environment ${index + 1} id`}
                      className={cx(hiddenLabel)}
                      readOnly={locked}
                      aria-describedby={locked ? lockNoteId : undefined}
                      {...register(`environments.${index}.id`)}
                      error={messageAt(errors, `environments.${index}.id`)}
                    />
                    <TextField
                      label="Tag"
                      aria-label={`Environment ${index + 1} tag`}
                      className={cx(hiddenLabel)}
                      readOnly={locked}
                      aria-describedby={locked ? lockNoteId : undefined}
                      {...register(`environments.${index}.tag`)}
                      error={messageAt(errors, `environments.${index}.tag`)}
                    />
                    <Button
                      variant="ghost"
                      className="col-span-full justify-self-start sm:col-span-1"
                      disabled={environmentRows.fields.length === 1}
                      onClick={() => setRemoving({ index, name, inUse: locked })}
                      aria-label={`Remove environment ${environment.label || index + 1}`}
                    >
                      Remove
                    </Button>
                  </div>
                  <ScopeRestriction
                    policy={policy}
                    environment={environment}
                    allowed={allowedScopes[environment.id]}
                    onChange={(allowed) => {
                      const next = { ...allowedScopes };
                      if (allowed === undefined) delete next[environment.id];
                      else next[environment.id] = allowed;
                      setValue('allowedScopesByEnvironment', next, { shouldDirty: true });
                    }}
                    error={messageAt(errors, `allowedScopesByEnvironment.${environment.id}`)}
                  />
                </div>
              );
            })}
            <Button variant="secondary" size="sm" onClick={() => environmentRows.append({ id: '', label: '', tag: '' })}>
              Add environment
            </Button>
          </fieldset>

          <div>
            <Controller
              control={control}
              name="defaultEnvironment"
              render={({ field }) => (
                <SelectField
                  label="Default environment"
                  className="max-w-xs"
                  name={field.name}
                  ref={field.ref}
                  onBlur={field.onBlur}
                  value={field.value}
                  options={environments.filter((e) => e.id).map((e) => ({ value: e.id, label: e.label || e.id }))}
                  onValueChange={field.onChange}
                />
              )}
            />
            {errors.defaultEnvironment ? (
              <p className="mt-1.5 text-sm text-red-700 dark:text-red-300">{errors.defaultEnvironment.message}</p>
            ) : null}
          </div>

          <div ref={failureRef} tabIndex={-1} className="outline-none">
            {hasErrors ? <Alert tone="error" title="The policy was not saved.">Fix the highlighted fields and save again.</Alert> : null}
            {save.isError && !hasErrors ? (
              <Alert tone="error" title="The policy was not saved.">
                {errorMessage(save.error)}
              </Alert>
            ) : null}
          </div>
          <div className="flex items-center justify-end gap-3">
            <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
              {saved && !isDirty ? 'Policy saved.' : ''}
            </p>
            <Button type="submit" aria-disabled={save.isPending || undefined} className="aria-disabled:opacity-60">
              {save.isPending ? 'Saving…' : 'Save policy'}
            </Button>
          </div>
        </CardBody>
      </Card>
      {removing ? (
        <RemoveEnvironmentDialog
          name={removing.name}
          inUse={removing.inUse}
          onConfirm={() => {
            environmentRows.remove(removing.index);
            setRemoving(null);
          }}
          onCancel={() => setRemoving(null)}
        />
      ) : null}
    </form>
  );
});

// Label, id, tag and Remove line up under one set of column headers; on phones the label takes a row
// of its own and each field shows its short label (the full name, "Environment 2 tag", is its aria-label).
const environmentGrid = 'grid grid-cols-[minmax(0,1fr)_6rem] gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_8rem_6rem]';
const hiddenLabel = 'sm:[&>label]:sr-only [&_input:read-only]:bg-zinc-100 [&_input:read-only]:text-zinc-600 dark:[&_input:read-only]:bg-zinc-900 dark:[&_input:read-only]:text-zinc-400';
const listFormat = new Intl.ListFormat('en', { type: 'conjunction' });

/** The first path of an error that sits on an input (not on a list or a map as a whole). */
function firstFocusablePath(errors: FieldErrors<PolicyForm>): string | undefined {
  const simple = (['defaultLifetimeDays', 'maxLifetimeDays', 'maxActiveTokensPerUser', 'defaultEnvironment'] as const).find((key) => errors[key]);
  if (simple) return simple;
  const rows = errors.environments;
  if (Array.isArray(rows)) {
    const index = rows.findIndex(Boolean);
    if (index >= 0) return `environments.${index}`;
  }
  return undefined;
}

/** Removing takes effect on Save, but it is easy to hit by mistake beside the fields: ask first, Cancel focused. */
function RemoveEnvironmentDialog({ name, inUse, onConfirm, onCancel }: { name: string; inUse: boolean; onConfirm: () => void; onCancel: () => void }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <Dialog
      open
      role="alertdialog"
      onDismiss={onCancel}
      title={`Remove ${name}?`}
      description={
        inUse
          ? `Once you save, no new tokens can be made for ${name}. Tokens already made for it keep working until they expire or are revoked.`
          : `Once you save, no new tokens can be made for ${name}.`
      }
      footer={
        <>
          <Button ref={cancelRef} variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm}>
            Remove environment
          </Button>
        </>
      }
    />
  );
}

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
