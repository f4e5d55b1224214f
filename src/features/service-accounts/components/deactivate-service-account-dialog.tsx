import { useMutation, useQuery } from '@tanstack/react-query';
import type { ServiceAccount } from '../../../contract/service-accounts';
import { DeactivationDialog, DeactivationPreviewState, TokensThatStopWorking } from '../../../components/deactivation-preview';
import { errorMessage } from '../../../lib/api-client';
import { serviceAccountMutations, serviceAccountQueries } from '../api';

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
  return (
    <DeactivationDialog
      name={account.name}
      description="Every token it holds is revoked at once, and it leaves the list of service accounts. Reactivating it later brings back the account, not its tokens."
      previewPending={preview.isPending}
      pending={deactivate.isPending}
      error={deactivate.error ? errorMessage(deactivate.error) : null}
      onCancel={onClose}
      onConfirm={() => deactivate.mutate({ id: account.id, status: 'deactivated' }, { onSuccess: onClose })}
    >
      <DeactivationPreviewState preview={preview} whose="its">
        {({ tokens, recentlyUsed }) =>
          tokens.length === 0 ? (
            <p className="text-sm text-zinc-700 dark:text-zinc-300">It has no live tokens: nothing stops working.</p>
          ) : (
            <TokensThatStopWorking tokens={tokens} recentlyUsed={recentlyUsed} now={now} />
          )
        }
      </DeactivationPreviewState>
    </DeactivationDialog>
  );
}
