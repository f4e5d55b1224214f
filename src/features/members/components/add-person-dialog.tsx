import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { addMemberRequestSchema } from '../../../contract/members';
import type { Role } from '../../../contract/users';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { TextField } from '../../../components/ui/text-field';
import { isApiError } from '../../../lib/api-client';
import { memberMutations } from '../api';
import { InviteLink } from './invite-link';

const roleOptions: { value: Role; label: string; description: string }[] = [
  { value: 'member', label: 'Member', description: 'Makes and manages their own tokens.' },
  { value: 'admin', label: 'Admin', description: 'Also reviews everyone’s tokens, the policy and people.' },
];

/** Username and role, then the invite link, shown once. */
export function AddPersonDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const add = useMutation(memberMutations.add());
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [clientError, setClientError] = useState<string | undefined>();

  function close() {
    add.reset();
    setUsername('');
    setRole('member');
    setClientError(undefined);
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = addMemberRequestSchema.safeParse({ username, role });
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message ?? 'Check the username.');
      event.currentTarget.querySelector<HTMLInputElement>('[name="username"]')?.focus();
      return;
    }
    setClientError(undefined);
    add.mutate(parsed.data);
  }

  const serverError = isApiError(add.error) ? add.error : null;
  const usernameError = clientError ?? serverError?.fields.username;
  const formError = add.error && !usernameError ? (serverError?.message ?? 'Something went wrong. Try again.') : undefined;

  if (add.data) {
    return (
      <Dialog open={open} onDismiss={close} title={`${add.data.user.username} is invited`} footer={<Button onClick={close}>Done</Button>}>
        <InviteLink invite={add.data} />
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onDismiss={close}
      title="Add a person"
      description="They get a one-time link to choose their password. Nothing needs to restart."
    >
      <form noValidate onSubmit={submit} className="space-y-5">
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <TextField
          label="Username"
          name="username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={usernameError}
          autoFocus
        />
        <fieldset className="space-y-2">
          <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">Role</legend>
          {roleOptions.map((option) => (
            <label
              key={option.value}
              className="flex cursor-pointer items-start gap-3 rounded-lg border border-zinc-200 px-3 py-2.5 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 dark:border-zinc-700 dark:has-[:checked]:border-indigo-400 dark:has-[:checked]:bg-indigo-950/40"
            >
              <input
                type="radio"
                name="role"
                value={option.value}
                checked={role === option.value}
                onChange={() => setRole(option.value)}
                className="mt-0.5 accent-indigo-600"
              />
              <span>
                <span className="block text-sm font-medium text-zinc-900 dark:text-white">{option.label}</span>
                <span className="block text-sm text-zinc-600 dark:text-zinc-400">{option.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add and create invite link'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
