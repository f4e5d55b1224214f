import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  createServiceAccountRequestSchema,
  descriptionMaxLength,
  serviceAccountPermissionLabels,
  serviceAccountPermissions,
  type ServiceAccount,
  type ServiceAccountPermission,
} from '../../../contract/service-accounts';
import { Alert } from '../../../components/ui/alert';
import { FormActions } from '../../../components/ui/form-actions';
import { Dialog } from '../../../components/ui/dialog';
import { TextareaField } from '../../../components/ui/textarea-field';
import { TextField, verbatimInputProps } from '../../../components/ui/text-field';
import { formErrorMessage, isApiError } from '../../../lib/api-client';
import { serviceAccountMutations } from '../api';
import { ManagerPicker, type PickedManager } from './manager-picker';

type Props = {
  open: boolean;
  /** The account to change; none: a new one. */
  account?: ServiceAccount;
  onClose: () => void;
  /** After a create: the new account (the page opens it). */
  onCreated?: (account: ServiceAccount) => void;
};

/** Name, description, managers and permissions: a new service account (admins), or changes to one. */
export function ServiceAccountFormDialog({ open, account, onClose, onCreated }: Props) {
  const create = useMutation(serviceAccountMutations.create());
  const update = useMutation(serviceAccountMutations.update());
  const mutation = account ? update : create;
  const [name, setName] = useState(account?.name ?? '');
  const [description, setDescription] = useState(account?.description ?? '');
  const [managers, setManagers] = useState<PickedManager[]>(account?.managers.filter((m) => m.active) ?? []);
  const [permissions, setPermissions] = useState<ServiceAccountPermission[]>(account?.permissions ?? []);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  function close() {
    create.reset();
    update.reset();
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createServiceAccountRequestSchema.safeParse({ name, description, managerIds: managers.map((m) => m.id), permissions });
    if (!parsed.success) {
      // The first problem of each field, as the server reports them.
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'name')] ??= issue.message;
      setClientErrors(errors);
      event.currentTarget.querySelector<HTMLInputElement>('[name="name"]')?.focus();
      return;
    }
    setClientErrors({});
    if (account) {
      update.mutate({ id: account.id, ...parsed.data, description: parsed.data.description ?? '' }, { onSuccess: close });
    } else {
      create.mutate(parsed.data, {
        onSuccess: (created) => {
          close();
          onCreated?.(created);
        },
      });
    }
  }

  const serverError = isApiError(mutation.error) ? mutation.error : null;
  const fieldErrors = { ...serverError?.fields, ...clientErrors };
  const formError = formErrorMessage(mutation.error, Object.keys(fieldErrors).length > 0);

  return (
    <Dialog
      open={open}
      onDismiss={close}
      title={account ? `Edit ${account.name}` : 'New service account'}
      description={account ? undefined : 'It owns tokens for a pipeline or an integration and never signs in. Its tokens outlive the people who made them.'}
    >
      <form noValidate onSubmit={submit} className="space-y-5">
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <TextField
          label="Name"
          name="name"
          {...verbatimInputProps}
          placeholder="ci-deploy"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldErrors.name}
          autoFocus
        />
        <TextareaField
          label="Description"
          name="description"
          placeholder="What uses its tokens, and who to ask about it"
          maxLength={descriptionMaxLength}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          error={fieldErrors.description}
        />
        <ManagerPicker value={managers} onChange={setManagers} error={fieldErrors.managerIds} />
        <fieldset className="space-y-2">
          <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">Permissions</legend>
          {serviceAccountPermissions.map((permission) => (
            <label key={permission} className="flex cursor-pointer items-start gap-3 text-sm">
              <input
                type="checkbox"
                checked={permissions.includes(permission)}
                onChange={(event) =>
                  setPermissions(event.target.checked ? [...permissions, permission] : permissions.filter((p) => p !== permission))
                }
                className="mt-0.5 size-4 shrink-0 accent-indigo-600"
              />
              <span>
                <span className="block font-medium text-zinc-900 dark:text-white">{serviceAccountPermissionLabels[permission].label}</span>
                <span className="block text-zinc-600 dark:text-zinc-400">{serviceAccountPermissionLabels[permission].description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <FormActions
          onCancel={close}
          pending={mutation.isPending}
          submitLabel={account ? 'Save changes' : 'Create service account'}
          pendingLabel={account ? 'Saving…' : 'Creating…'}
        />
      </form>
    </Dialog>
  );
}
