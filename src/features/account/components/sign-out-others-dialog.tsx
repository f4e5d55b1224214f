import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';

type SignOutOthersDialogProps = {
  open: boolean;
  /** Other sessions, as the list shows them. */
  count: number;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Asks before ending every other session: whoever is using them has to sign in again. */
export function SignOutOthersDialog({ open, count, pending, error, onConfirm, onCancel }: SignOutOthersDialogProps) {
  const sessions = count === 1 ? '1 other session' : `${count} other sessions`;
  return (
    <Dialog
      open={open}
      role="alertdialog"
      onDismiss={onCancel}
      title="Sign out all other sessions?"
      description={`This signs out ${sessions}. Whoever uses them, you on another device included, has to sign in again. This device stays signed in.`}
      footer={
        <>
          <Button variant="secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} disabled={pending}>
            {pending ? 'Signing out…' : `Sign out ${sessions}`}
          </Button>
        </>
      }
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
    </Dialog>
  );
}
