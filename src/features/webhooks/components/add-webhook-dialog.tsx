import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { eventTypeLabels, eventTypes, type EventType } from '../../../contract/events';
import { createWebhookRequestSchema, webhookMessages } from '../../../contract/webhooks';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { FormActions } from '../../../components/ui/form-actions';
import { TextField } from '../../../components/ui/text-field';
import { formErrorMessage, isApiError } from '../../../lib/api-client';
import { webhookMutations } from '../api';
import { SigningSecret } from './signing-secret';

const defaultEvents: EventType[] = ['token.expiring', 'token.expired', 'token.revoked', 'token.leaked'];

/** URL, description and events; then the signing secret, shown once. */
export function AddWebhookDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useMutation(webhookMutations.create());
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<EventType[]>(defaultEvents);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  function close() {
    create.reset();
    setUrl('');
    setDescription('');
    setEvents(defaultEvents);
    setClientErrors({});
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createWebhookRequestSchema.safeParse({ url, description, events });
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
      setClientErrors(fields);
      event.currentTarget.querySelector<HTMLInputElement>(fields.url ? '[name="url"]' : '[name="events"]')?.focus();
      return;
    }
    setClientErrors({});
    create.mutate(parsed.data);
  }

  const serverError = isApiError(create.error) ? create.error : null;
  const urlError = clientErrors.url ?? serverError?.fields.url;
  const eventsError = clientErrors.events ?? serverError?.fields.events;
  const formError = formErrorMessage(create.error, Boolean(urlError || eventsError));

  if (create.data) {
    return (
      <Dialog open={open} onDismiss={close} title="Endpoint added" footer={<Button onClick={close}>Done</Button>}>
        <SigningSecret secret={create.data.secret} />
      </Dialog>
    );
  }

  return (
    <Dialog open={open} onDismiss={close} title="Add a webhook endpoint" description="Keyline POSTs signed JSON to this URL when the events you pick happen.">
      <form noValidate onSubmit={submit} className="space-y-5">
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <TextField
          label="Endpoint URL"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://hooks.example.com/keyline"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          error={urlError}
          autoFocus
        />
        <TextField
          label="Description (optional)"
          name="description"
          autoComplete="off"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          error={clientErrors.description ?? serverError?.fields.description}
        />
        <fieldset aria-describedby={eventsError ? 'webhook-events-error' : undefined}>
          <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">Events</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {eventTypes.map((type) => (
              <label key={type} className="flex cursor-pointer items-start gap-2 text-sm text-zinc-800 dark:text-zinc-200">
                <input
                  type="checkbox"
                  name="events"
                  value={type}
                  checked={events.includes(type)}
                  onChange={(event) => setEvents((current) => (event.target.checked ? [...current, type] : current.filter((t) => t !== type)))}
                  className="mt-0.5 accent-indigo-600"
                />
                <span>
                  {eventTypeLabels[type]} <code className="block text-xs text-zinc-600 dark:text-zinc-400">{type}</code>
                </span>
              </label>
            ))}
          </div>
          {eventsError ? (
            <p id="webhook-events-error" className="mt-2 text-sm text-red-700 dark:text-red-300">
              {eventsError === webhookMessages.eventsRequired ? eventsError : webhookMessages.eventsRequired}
            </p>
          ) : null}
        </fieldset>
        <FormActions onCancel={close} pending={create.isPending} submitLabel="Add endpoint" pendingLabel="Adding…" />
      </form>
    </Dialog>
  );
}
