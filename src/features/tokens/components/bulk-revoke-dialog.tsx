import { useEffect, useRef } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { isApiError } from '../../../lib/api-client';

const count = new Intl.NumberFormat('en');
const plural = (n: number, one: string, many: string) => `${count.format(n)} ${n === 1 ? one : many}`;

type BulkRevokeDialogProps = {
  open: boolean;
  tokens: number;
  owners: number;
  isPending: boolean;
  error: unknown;
  onConfirm: () => void;
  onDismiss: () => void;
};

/** Says how many tokens of how many people, and what happens to whatever uses them. */
export function BulkRevokeDialog({ open, tokens, owners, isPending, error, onConfirm, onDismiss }: BulkRevokeDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice has focus, not the dialog's Close. This runs after the dialog's own effect has called showModal().
  useEffect(() => {
    if (open) cancelRef.current?.focus();
  }, [open]);
  const title = `Revoke ${plural(tokens, 'token', 'tokens')} belonging to ${plural(owners, 'person', 'people')}?`;
  return (
    <Dialog
      open={open}
      role="alertdialog"
      onDismiss={() => {
        if (!isPending) onDismiss();
      }}
      title={title}
      description="Anything still using them will start failing. This cannot be undone."
      footer={
        <>
          <Button ref={cancelRef} variant="secondary" onClick={onDismiss} disabled={isPending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} disabled={isPending}>
            {isPending ? 'Revoking…' : `Revoke ${plural(tokens, 'token', 'tokens')}`}
          </Button>
        </>
      }
    >
      {error ? (
        <Alert tone="error" title="Nothing was revoked.">
          {isApiError(error) ? error.message : 'Something went wrong. Try again in a moment.'}
        </Alert>
      ) : (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          The owners can make new tokens under Personal access tokens if they still need them.
        </p>
      )}
    </Dialog>
  );
}
