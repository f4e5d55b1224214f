import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { changePasswordRequestSchema } from '../../../contract/account';
import { memberMessages, passwordMinLength } from '../../../contract/members';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { formErrorMessage, isApiError } from '../../../lib/api-client';
import { accountMutations } from '../api';

type Field = 'currentPassword' | 'newPassword' | 'confirm';
const fieldOrder: Field[] = ['currentPassword', 'newPassword', 'confirm'];

/** Current password, then the new one twice. Success keeps this session and ends every other one. */
export function ChangePasswordForm({ username }: { username: string }) {
  const change = useMutation(accountMutations.changePassword());
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const request = { currentPassword: String(data.get('currentPassword') ?? ''), newPassword: String(data.get('newPassword') ?? '') };
    const confirm = String(data.get('confirm') ?? '');
    const parsed = changePasswordRequestSchema.safeParse(request);
    const next: Partial<Record<Field, string>> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'currentPassword' || field === 'newPassword') && !next[field]) next[field] = issue.message;
      }
    }
    if (!next.newPassword && request.newPassword !== confirm) next.confirm = memberMessages.passwordsDiffer;
    setErrors(next);
    setDone(null);
    const first = fieldOrder.find((field) => next[field]);
    if (first) {
      form.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    change.mutate(request, {
      onSuccess: ({ signedOut }) => {
        form.reset();
        // The passwords were its variables: gone from memory now, not when the page is left.
        change.reset();
        setDone(
          signedOut === 0
            ? 'Password changed.'
            : `Password changed. ${signedOut === 1 ? '1 other session was' : `${signedOut} other sessions were`} signed out.`,
        );
      },
      onError: (error) => {
        if (isApiError(error) && error.fields.currentPassword) form.querySelector<HTMLInputElement>('[name="currentPassword"]')?.focus();
      },
    });
  }

  const serverError = isApiError(change.error) ? change.error : null;
  const serverFields = serverError?.fields ?? {};
  const newPasswordError = errors.newPassword ?? serverFields.newPassword;
  const formError = formErrorMessage(change.error, Boolean(serverFields.currentPassword || serverFields.newPassword));

  return (
    <form noValidate onSubmit={submit} className="max-w-md space-y-5" aria-label="Change password">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <p role="status" className="text-sm font-medium text-emerald-700 empty:hidden dark:text-emerald-300">
        {done}
      </p>
      {/* For password managers: the account this password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword ?? serverFields.currentPassword}
      />
      <div className="space-y-1.5">
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" error={newPasswordError} />
        {/* The rule once; its error says the same when it is broken. */}
        {newPasswordError ? null : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">At least {passwordMinLength} characters. A few unrelated words make a strong one.</p>
        )}
      </div>
      <TextField label="Type the new password again" name="confirm" type="password" autoComplete="new-password" error={errors.confirm} />
      <Button type="submit" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}
