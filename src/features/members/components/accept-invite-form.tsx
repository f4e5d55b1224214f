import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { memberMessages, newPasswordSchema, passwordMinLength, type InviteInfo } from '../../../contract/members';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { formErrorMessage, isApiError } from '../../../lib/api-client';
import { memberMutations } from '../api';

type AcceptInviteFormProps = {
  code: string;
  invite: InviteInfo;
  onAccepted: () => void;
};

/** Choose a password (twice) for an invite or a reset link; success signs the person in. */
export function AcceptInviteForm({ code, invite, onAccepted }: AcceptInviteFormProps) {
  const accept = useMutation(memberMutations.acceptInvite());
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const password = String(data.get('password') ?? '');
    const confirm = String(data.get('confirm') ?? '');
    const parsed = newPasswordSchema.safeParse(password);
    const next = {
      password: parsed.success ? undefined : parsed.error.issues[0]?.message,
      confirm: parsed.success && password !== confirm ? memberMessages.passwordsDiffer : undefined,
    };
    setErrors(next);
    if (next.password || next.confirm) {
      form.querySelector<HTMLInputElement>(`[name="${next.password ? 'password' : 'confirm'}"]`)?.focus();
      return;
    }
    accept.mutate({ code, password }, { onSuccess: onAccepted });
  }

  const serverError = isApiError(accept.error) ? accept.error : null;
  const formError = formErrorMessage(accept.error, Boolean(serverError?.fields.password));

  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {/* For password managers: the account this password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={invite.username} readOnly hidden />
      <TextField
        label={invite.purpose === 'invite' ? 'Choose a password' : 'New password'}
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.password ?? serverError?.fields.password}
        autoFocus
      />
      <p className="-mt-3 text-sm text-zinc-600 dark:text-zinc-400">
        At least {passwordMinLength} characters. A few unrelated words make a strong one.
      </p>
      <TextField label="Type it again" name="confirm" type="password" autoComplete="new-password" error={errors.confirm} />
      <Button type="submit" className="w-full" disabled={accept.isPending}>
        {accept.isPending ? 'Saving…' : invite.purpose === 'invite' ? 'Join and sign in' : 'Set password and sign in'}
      </Button>
    </form>
  );
}
