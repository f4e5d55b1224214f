import { useEffect, useId, useRef, useState } from 'react';
import type { Policy } from '../../../contract/policy';
import type { CreateApiKeyRequest } from '../../../contract/tokens';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { RadioCards } from '../../../components/ui/radio-cards';
import { TextField } from '../../../components/ui/text-field';
import { TextareaField } from '../../../components/ui/textarea-field';
import { isApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/relative-time';
import {
  descriptionMaxLength,
  initialFormValues,
  mapApiFieldErrors,
  nameMaxLength,
  validateCreateTokenForm,
  type CreateTokenField,
  type CreateTokenFormValues,
} from '../utils/create-token-form';
import { daysFromNowLabel, expiryDate, expiryOptions } from '../utils/expiry-options';
import { describeScopes } from '../utils/scope-preview';
import { allowedScopesFor, groupScopes, limitSelection, selectionToScopes } from '../utils/scope-selection';
import { ExpiryField } from './expiry-field';
import { ScopePicker } from './scope-picker';

type CreateTokenDialogProps = {
  policy: Policy;
  now: Date;
  onSubmit: (request: CreateApiKeyRequest) => void;
  /** Escape, the backdrop, Close or Cancel. Ignored while the request is on its way. */
  onDismiss: () => void;
  isPending: boolean;
  /** The last failed attempt, if any: field messages go under their inputs, the rest above the buttons. */
  error: Error | null;
};

/**
 * The create form in a dialog. Mount it only while it is open: its state is the form, kept for as
 * long as the dialog is (through failed attempts) and gone when it closes.
 */
export function CreateTokenDialog({ policy, now, onSubmit, onDismiss, isPending, error }: CreateTokenDialogProps) {
  const formId = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState<CreateTokenFormValues>(() =>
    initialFormValues(policy, expiryOptions(policy).defaultChoice),
  );
  const [nameTouched, setNameTouched] = useState(false);
  // Fields changed since the last attempt: the server's message about them no longer applies.
  const [editedSinceAttempt, setEditedSinceAttempt] = useState<readonly CreateTokenField[]>([]);

  const environment = policy.environments.find((env) => env.id === values.environment);
  const groups = groupScopes(environment ? allowedScopesFor(policy, environment.id) : []);
  const { errors: localErrors, request } = validateCreateTokenForm(values, policy, now);

  const apiError = isApiError(error) ? error : null;
  const fromApi = apiError ? mapApiFieldErrors(apiError.fields) : { errors: {}, other: [] };
  const errorFor = (field: CreateTokenField): string | undefined =>
    localErrors[field] ?? (editedSinceAttempt.includes(field) ? undefined : fromApi.errors[field]);
  const nameError = errorFor('name') ?? (nameTouched && values.name.trim() === '' ? 'Enter a name.' : undefined);

  // After a refused attempt, take the user to the name when that is what the server objected to.
  useEffect(() => {
    if (isApiError(error) && error.fields.name) nameRef.current?.focus();
  }, [error]);

  function update<K extends keyof CreateTokenFormValues>(key: K, value: CreateTokenFormValues[K], field: CreateTokenField) {
    setValues((current) => ({ ...current, [key]: value }));
    setEditedSinceAttempt((current) => (current.includes(field) ? current : [...current, field]));
  }

  function submit() {
    if (!request || isPending) return;
    setEditedSinceAttempt([]);
    onSubmit(request);
  }

  const expiresAt = expiryDate(values.expiry, now, policy.maxLifetimeDays);
  const scopes = selectionToScopes(values.access, groups);
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
            disabled={!request}
            aria-disabled={isPending || undefined}
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
      <form
        id={formId}
        noValidate
        className="space-y-6"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="space-y-4">
          <div>
            <TextField
              ref={nameRef}
              label="Name"
              name="name"
              autoComplete="off"
              placeholder="e.g. Staging deploy from GitHub Actions"
              value={values.name}
              error={nameError}
              aria-required="true"
              onChange={(event) => update('name', event.target.value, 'name')}
              onBlur={() => setNameTouched(true)}
            />
            {!nameError ? (
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
            name="description"
            rows={2}
            value={values.description}
            error={errorFor('description')}
            hint={`${values.description.trim().length} / ${descriptionMaxLength}`}
            onChange={(event) => update('description', event.target.value, 'description')}
          />
        </div>

        <RadioCards
          legend="Environment"
          value={values.environment}
          error={errorFor('environment')}
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
            const nextGroups = groupScopes(allowedScopesFor(policy, id));
            setValues((current) => ({ ...current, environment: id, access: limitSelection(current.access, nextGroups) }));
            setEditedSinceAttempt((current) => [...current, 'environment', 'scopes']);
          }}
        />

        <ScopePicker
          groups={groups}
          value={values.access}
          error={errorFor('scopes')}
          environmentLabel={environment?.label}
          onChange={(access) => update('access', access, 'scopes')}
        />

        <ExpiryField
          policy={policy}
          now={now}
          value={values.expiry}
          error={errorFor('expiry')}
          onChange={(expiry) => update('expiry', expiry, 'expiry')}
        />

        <section
          aria-label="Summary"
          className="rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm leading-relaxed text-zinc-700 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-300"
        >
          {scopes.length > 0 ? (
            <>
              <p className="font-medium text-zinc-900 dark:text-zinc-100">This token will be able to:</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {describeScopes(scopes, policy.scopes).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>Choose at least one scope to see what this token will be able to do.</p>
          )}
          {expiresAt ? (
            <p className="mt-2">
              It will expire on <strong className="font-medium text-zinc-900 dark:text-zinc-100">{formatDate(expiresAt)}</strong>{' '}
              ({daysFromNowLabel(expiresAt, now)}).
            </p>
          ) : null}
          {missing.length > 0 ? (
            <p className="mt-2 text-zinc-600 dark:text-zinc-400">Still needed: {missing.join(' and ')}.</p>
          ) : null}
        </section>

        <FormError error={error} otherMessages={fromApi.other} onRetry={submit} isPending={isPending} />
      </form>
    </Dialog>
  );
}

/** What went wrong with the last attempt, when it isn't about one field. */
function FormError({
  error,
  otherMessages,
  onRetry,
  isPending,
}: {
  error: Error | null;
  otherMessages: string[];
  onRetry: () => void;
  isPending: boolean;
}) {
  if (!error) return null;
  const apiError = isApiError(error) ? error : null;
  const fieldsOnly = apiError && Object.keys(apiError.fields).length > 0 && otherMessages.length === 0;
  if (fieldsOnly) return null;

  const transient = !apiError || apiError.type === 'network_error' || apiError.status >= 500 || apiError.status === 429;
  let message = error.message;
  if (apiError?.status === 429) {
    message =
      apiError.retryAfter !== undefined
        ? `Too many requests. Wait ${apiError.retryAfter} ${apiError.retryAfter === 1 ? 'second' : 'seconds'}, then try again.`
        : 'Too many requests. Wait a moment, then try again.';
  }

  return (
    <Alert
      tone="error"
      title="The token wasn’t created."
      action={
        transient ? (
          <Button variant="secondary" size="sm" onClick={onRetry} aria-disabled={isPending || undefined}>
            Try again
          </Button>
        ) : undefined
      }
    >
      {otherMessages.length > 0 ? (
        <ul className="space-y-0.5">
          {otherMessages.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : (
        <p>
          {message}
          {transient ? ' Everything you entered is still here.' : null}
        </p>
      )}
    </Alert>
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
