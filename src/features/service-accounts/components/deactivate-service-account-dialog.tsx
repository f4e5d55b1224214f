import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ServiceAccount } from '../../../contract/service-accounts';
import { DeactivationPreviewState, TokensThatStopWorking } from '../../../components/deactivation-preview';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { isApiError } from '../../../lib/api-client';
import { serviceAccountMutations, serviceAccountQueries } from '../api';

const errorText = (error: unknown) => (isApiError(error) ? error.message : 'Something went wrong. Try again.');

type Props = {
  account: ServiceAccount;
  now: Date;
  onClose: () => void;
};

/**
 * "Deactivate ci?": what stops working first (its live tokens with their last use), then the
 * deactivation, which revokes them at once. Opens on Cancel: the safe choice has the focus.
 */
export function DeactivateServiceAccountDialog({ account, now, onClose }: Props) {
  const preview = useQuery(serviceAccountQueries.deactivationPreview(account.id));
  const deactivate = useMutation(serviceAccountMutations.setStatus());
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <Dialog
      open
      role="alertdialog"
      onDismiss={onClose}
      size="lg"
      title={`Deactivate ${account.name}?`}
      description="Every token it holds is revoked at once, and it leaves the list of service accounts. Reactivating it later brings back the account, not its tokens."
      footer={
        <>
          <Button ref={cancel} variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={() => deactivate.mutate({ id: account.id, status: 'deactivated' }, { onSuccess: onClose })}
            disabled={deactivate.isPending || preview.isPending}
          >
            {deactivate.isPending ? 'Deactivating…' : `Deactivate ${account.name}`}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {deactivate.error ? <Alert tone="error">{errorText(deactivate.error)}</Alert> : null}
        <DeactivationPreviewState preview={preview} whose="its">
          {({ tokens, recentlyUsed }) =>
            tokens.length === 0 ? (
              <p className="text-sm text-zinc-700 dark:text-zinc-300">It has no live tokens: nothing stops working.</p>
            ) : (
              <TokensThatStopWorking tokens={tokens} recentlyUsed={recentlyUsed} now={now} />
            )
          }
        </DeactivationPreviewState>
      </div>
    </Dialog>
  );
}
