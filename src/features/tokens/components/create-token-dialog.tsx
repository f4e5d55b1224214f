import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useMemo } from 'react';
import { Controller, useForm, useWatch, type FieldError } from 'react-hook-form';
import { allowedScopesFor, findEnvironment } from '../../../contract/api-key-rules';
import type { Policy } from '../../../contract/policy';
import { descriptionMaxLength, nameMaxLength, type ApiKey, type CreateApiKeyRequest } from '../../../contract/tokens';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { RadioCards } from '../../../components/ui/radio-cards';
import { TextField } from '../../../components/ui/text-field';
import { TextareaField } from '../../../components/ui/textarea-field';
import { isApiError } from '../../../lib/api-client';
import { useRetryCountdown } from '../../../lib/retry-countdown';
import {
  chosenScopes,
  createTokenFormSchema,
  initialFormValues,
  mapApiFieldErrors,
  toCreateRequest,
  type CreateTokenField,
  type CreateTokenFormValues,
} from '../utils/create-token-form';
import { expiryDate, expiryOptions } from '../utils/expiry-options';
import { narrowerTokenPrefill } from '../utils/narrower-token';
import { groupScopes, limitSelection } from '../utils/scope-selection';
import { CreateTokenError } from './create-token-error';
import { CreateTokenSummary } from './create-token-summary';
import { ExpiryField } from './expiry-field';
import { ScopePicker } from './scope-picker';

type CreateTokenDialogProps = {
  policy: Policy;
  now: Date;
  /** The request, and the form's values it came from (kept as a draft while the request is on its way). */
  onSubmit: (request: CreateApiKeyRequest, values: CreateTokenFormValues) => void;
  /** Escape, the backdrop, Close or Cancel. Ignored while the request is on its way. */
  onDismiss: () => void;
  isPending: boolean;
  /** The last failed attempt, if any: field messages go under their inputs, the rest above the buttons. */
  error: Error | null;
  /**
   * A token the policy no longer lets you rotate: the form starts from the narrower token the policy
   * still allows in its place, instead of a blank form (with no scope chosen). Read once, on mount.
   */
  narrowerFrom?: Pick<ApiKey, 'name' | 'description' | 'environment' | 'scopes' | 'status'>;
  /** What the form held when a create was interrupted (the session expired): it starts from that. Read once, on mount. */
  draft?: CreateTokenFormValues;
};

/**
 * The create form in a dialog. Mount it only while it is open: its state is the form, kept for as
 * long as the dialog is (through failed attempts) and gone when it closes. A field's message shows
 * once the user has changed it; the server's land on the same fields and go when the field is edited.
 */
export function CreateTokenDialog({ policy, now, onSubmit, onDismiss, isPending, error, narrowerFrom, draft }: CreateTokenDialogProps) {
  const formId = useId();
  const resolver = useMemo(() => zodResolver(createTokenFormSchema(policy, now)), [policy, now]);
  const { control, register, handleSubmit, setError, setFocus, setValue, getFieldState, formState } = useForm<CreateTokenFormValues>({
    defaultValues:
      draft ?? initialFormValues(policy, expiryOptions(policy).defaultChoice, narrowerFrom && narrowerTokenPrefill(policy, narrowerFrom)),
    mode: 'onChange',
    resolver,
  });
  const { errors, isValid } = formState;
  // The selection is a record, but its message is about the whole of it.
  const accessError = (errors.access as FieldError | undefined)?.message;
  const values = useWatch({ control }) as CreateTokenFormValues;

  const environment = findEnvironment(policy, values.environment);
  const groups = groupScopes(environment ? allowedScopesFor(policy, environment.id) : []);
  const fromApi = isApiError(error) ? mapApiFieldErrors(error.fields) : { errors: {}, other: [] };

  // Start at the name: the first thing to fill in (and, prefilled from a refused rotate, the one most likely
  // to want an edit) — not the dialog's scroll area, which the browser would otherwise focus.
  // This runs after the dialog's own effect has opened it, so the focus it sets is not taken back.
  useEffect(() => {
    setFocus('name');
  }, [setFocus]);

  // A refused attempt: the server's messages go under their fields; the name takes focus when it is what the server objected to.
  useEffect(() => {
    if (!isApiError(error)) return;
    const fieldErrors = Object.entries(mapApiFieldErrors(error.fields).errors) as [CreateTokenField, string][];
    for (const [field, message] of fieldErrors) setError(field, { type: 'server', message }, { shouldFocus: field === 'name' });
  }, [error, setError]);

  // A 429 holds Create (and Try again) until the server will take another attempt, counting down.
  const rateLimit = useRetryCountdown(error);
  const submit = handleSubmit((valid) => {
    if (!isPending && !rateLimit.waiting) onSubmit(toCreateRequest(valid, policy, now), valid);
  });

  const scopes = chosenScopes(values, policy);
  const missing = [
    values.name.trim() === '' ? 'a name' : null,
    scopes.length === 0 ? 'at least one scope' : null,
  ].filter((item): item is string => item !== null);

  return (
    <Dialog
      open
      size="lg"
      title="Create a token"
      description="A personal access token acts as you, with only the scopes you give it."
      onDismiss={() => {
        if (!isPending) onDismiss();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onDismiss} disabled={isPending}>
            Cancel
          </Button>
          <Button
            type="submit"
            form={formId}
            disabled={!isValid}
            aria-disabled={isPending || rateLimit.waiting || undefined}
            aria-busy={isPending || undefined}
          >
            {isPending ? (
              <>
                <Spinner />
                Creating…
              </>
            ) : (
              'Create token'
            )}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate className="space-y-6" onSubmit={(event) => void submit(event)}>
        <div className="space-y-4">
          <div>
            <TextField
              label="Name"
              autoComplete="off"
              placeholder="e.g. Staging deploy from GitHub Actions"
              error={errors.name?.message}
              aria-required="true"
              {...register('name')}
            />
            {!errors.name ? (
              <p className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400">
                Say where it will live, so you know what breaks if you revoke it. Up to {nameMaxLength} characters.
              </p>
            ) : null}
          </div>
          <TextareaField
            label={
              <>
                Description <span className="font-normal text-zinc-600 dark:text-zinc-400">(optional)</span>
              </>
            }
            rows={2}
            error={errors.description?.message}
            hint={`${values.description.trim().length} / ${descriptionMaxLength}`}
            {...register('description')}
          />
        </div>

        <Controller
          control={control}
          name="environment"
          render={({ field }) => (
            <RadioCards
              legend="Environment"
              value={field.value}
              error={errors.environment?.message}
              options={policy.environments.map((env) => ({
                value: env.id,
                label: env.label,
                description: (
                  <>
                    Starts with <span className="font-mono">{`${policy.tokenPrefix}_${env.tag}_`}</span>
                  </>
                ),
              }))}
              onChange={(id) => {
                field.onChange(id);
                // Keep what the new environment still allows; a message about the old choice no longer applies.
                setValue('access', limitSelection(values.access, groupScopes(allowedScopesFor(policy, id))), {
                  shouldValidate: getFieldState('access').isDirty || Boolean(accessError),
                });
              }}
            />
          )}
        />

        <Controller
          control={control}
          name="access"
          render={({ field }) => (
            <ScopePicker
              groups={groups}
              catalog={policy.scopes}
              value={field.value}
              error={accessError}
              environmentLabel={environment?.label}
              onChange={field.onChange}
            />
          )}
        />

        <Controller
          control={control}
          name="expiry"
          render={({ field }) => (
            <ExpiryField policy={policy} now={now} value={field.value} error={errors.expiry?.message} onChange={field.onChange} />
          )}
        />

        <CreateTokenSummary
          scopes={scopes}
          catalog={policy.scopes}
          expiresAt={expiryDate(values.expiry, now, policy.maxLifetimeDays)}
          now={now}
          missing={missing}
        />

        <CreateTokenError
          error={error}
          otherMessages={fromApi.other}
          onRetry={() => void submit()}
          isPending={isPending}
          rateLimit={rateLimit}
        />
      </form>
    </Dialog>
  );
}

function Spinner() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 animate-spin" fill="none">
      <circle cx="10" cy="10" r="7.5" stroke="currentColor" strokeOpacity="0.3" strokeWidth="2.5" />
      <path d="M17.5 10A7.5 7.5 0 0 0 10 2.5" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
