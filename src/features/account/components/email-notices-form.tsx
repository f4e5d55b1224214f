import { useState, type FormEvent } from 'react';
import {
  updateNotificationPreferencesRequestSchema,
  type NotificationPreferences,
  type UpdateNotificationPreferencesRequest,
} from '../../../contract/notification-preferences';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';

type EmailNoticesFormProps = {
  preferences: NotificationPreferences;
  isSaving: boolean;
  /** The server's word on the last save: a field's message, or one for the form. */
  saveError: { message: string; fields: Record<string, string> } | null;
  saved: boolean;
  onSave: (request: UpdateNotificationPreferencesRequest) => void;
};

/** Where my notices go and whether I get expiry reminders; security notices are not a choice, and it says so. */
export function EmailNoticesForm({ preferences, isSaving, saveError, saved, onSave }: EmailNoticesFormProps) {
  const [emailError, setEmailError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const request = { email: email === '' ? null : email, expiryEmails: data.get('expiryEmails') === 'on' };
    const parsed = updateNotificationPreferencesRequestSchema.safeParse(request);
    if (!parsed.success) {
      setEmailError(parsed.error.issues.find((issue) => issue.path[0] === 'email')?.message ?? parsed.error.issues[0]?.message ?? null);
      form.querySelector<HTMLInputElement>('[name="email"]')?.focus();
      return;
    }
    setEmailError(null);
    onSave(parsed.data);
  }

  const fieldError = emailError ?? saveError?.fields.email;
  const formError = saveError && !saveError.fields.email ? saveError.message : null;
  const fromUsername = preferences.email === null && preferences.address !== null;

  return (
    <form noValidate onSubmit={submit} className="max-w-md space-y-5" aria-label="Email notices">
      {preferences.emailEnabled ? null : (
        <Alert>Email isn’t set up on this Keyline server yet. What you choose here applies once it is.</Alert>
      )}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <p role="status" className="text-sm font-medium text-emerald-700 empty:hidden dark:text-emerald-300">
        {saved ? 'Saved.' : null}
      </p>
      <div className="space-y-1.5">
        <TextField
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          defaultValue={preferences.email ?? ''}
          placeholder={fromUsername ? (preferences.address ?? undefined) : 'name@example.com'}
          error={fieldError ?? undefined}
        />
        {fieldError ? null : (
          <p className="text-sm break-words text-zinc-600 dark:text-zinc-400">
            {fromUsername
              ? `Left empty, notices go to ${preferences.address}, your username.`
              : preferences.address
                ? null
                : 'Without an address you get no email notices.'}
          </p>
        )}
      </div>
      <label className="flex cursor-pointer items-start gap-3 text-sm text-zinc-800 dark:text-zinc-200">
        <input type="checkbox" name="expiryEmails" defaultChecked={preferences.expiryEmails} className="mt-0.5 size-4 shrink-0 accent-indigo-600" />
        <span>
          Remind me before my tokens expire
          <span className="block text-zinc-600 dark:text-zinc-400">30, 7 and 1 days before, and when one has expired.</span>
        </span>
      </label>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        You are always emailed when someone else revokes one of your tokens or one is reported leaked.
      </p>
      <Button type="submit" disabled={isSaving}>
        {isSaving ? 'Saving…' : 'Save email notices'}
      </Button>
    </form>
  );
}
