import { useEffect, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';

type ReportLeakDialogProps = {
  /** The token's name when the reporter may see it; null for someone else's. */
  tokenName: string | null;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * "Report as leaked?" — says before anything happens that the token is revoked at once and whatever
 * uses it stops, and that this cannot be undone. Cancel has focus.
 */
export function ReportLeakDialog({ tokenName, onConfirm, onCancel }: ReportLeakDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice has focus. This runs after the dialog's own effect has called showModal().
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  return (
    <Dialog
      open
      role="alertdialog"
      onDismiss={onCancel}
      title={tokenName ? `Report “${tokenName}” as leaked?` : 'Report this token as leaked?'}
      description="It is revoked at once: anything using it — CI jobs, scripts, integrations — stops working."
      footer={
        <>
          <Button ref={cancelRef} variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm}>
            Revoke as leaked
          </Button>
        </>
      }
    >
      <p className="text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
        {tokenName
          ? 'Its timeline will say it was reported leaked. This can’t be undone; its owner can create a new token at any time.'
          : 'Its owner’s timeline will say it was reported leaked. This can’t be undone.'}
      </p>
    </Dialog>
  );
}
