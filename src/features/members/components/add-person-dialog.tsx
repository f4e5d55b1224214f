import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { addMemberRequestSchema } from '../../../contract/members';
import type { Role } from '../../../contract/users';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { FormActions } from '../../../components/ui/form-actions';
import { RadioCards, type RadioCardOption } from '../../../components/ui/radio-cards';
import { TextField, verbatimInputProps } from '../../../components/ui/text-field';
import { formErrorMessage, isApiError } from '../../../lib/api-client';
import { memberMutations } from '../api';
import { InviteLink } from './invite-link';

const roleOptions: RadioCardOption<Role>[] = [
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
  const formError = formErrorMessage(add.error, Boolean(usernameError));

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
          {...verbatimInputProps}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={usernameError}
          autoFocus
        />
        <RadioCards legend="Role" options={roleOptions} value={role} onChange={setRole} />
        <FormActions onCancel={close} pending={add.isPending} submitLabel="Add and create invite link" pendingLabel="Adding…" />
      </form>
    </Dialog>
  );
}
