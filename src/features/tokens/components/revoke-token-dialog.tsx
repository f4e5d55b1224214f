import { useEffect, useRef } from 'react';
import type { ApiKey } from '../../../contract/tokens';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { describeLastUse } from '../utils/token-times';

type RevokeTokenDialogProps = {
  /** The token to revoke; `null` keeps the dialog closed. */
  token: ApiKey | null;
  now: Date;
  onConfirm: (token: ApiKey) => void;
  onCancel: () => void;
};

/**
 * "Revoke “CI deploy”?" — names the token, what stops working (its hint, and a replaced secret still
 * in its grace period) and its last use, so nobody revokes the wrong one. Cancel has focus.
 */
export function RevokeTokenDialog({ token, now, onConfirm, onCancel }: RevokeTokenDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice has focus. This runs after the dialog's own effect has called showModal().
  useEffect(() => {
    if (token) cancelRef.current?.focus();
  }, [token]);
  if (!token) return null;
  const lastUse = token.lastUsedAt ? `It was last used ${describeLastUse(token.lastUsedAt, now)}.` : 'It has never been used.';
  const graceToo = token.rotation?.previousSecretActive
    ? ' The secret it replaced, still in its grace period, stops too.'
    : '';
  return (
    <Dialog
      open
      role="alertdialog"
      onDismiss={onCancel}
      title={`Revoke “${token.name}”?`}
      description={
        <>
          Anything using <span className="font-mono whitespace-nowrap">{token.hint}</span> — CI jobs, scripts, integrations —
          stops working at once.{graceToo}
        </>
      }
      footer={
        <>
          <Button ref={cancelRef} variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => onConfirm(token)}>
            Revoke token
          </Button>
        </>
      }
    >
      <p className="text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
        {lastUse} Revoking can’t be undone; you can create a new token at any time.
      </p>
    </Dialog>
  );
}
