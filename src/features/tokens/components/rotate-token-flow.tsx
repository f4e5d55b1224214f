import { useMutation } from '@tanstack/react-query';
import type { Environment } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { tokenMutations } from '../api';
import { Suspense } from 'react';
import { DialogPending, LazyRevealSecretDialog, LazyRotateTokenDialog } from './lazy-dialogs';

type RotateTokenFlowProps = {
  /** The token to rotate (or renew, when expired); `null` keeps the flow closed. */
  token: ApiKey | null;
  environments?: readonly Environment[];
  now: Date;
  onClose: () => void;
};

/**
 * Rotate, then reveal the new secret once. As with create, the secret lives only in the mutation's
 * result while the reveal dialog is open; closing resets the mutation and `gcTime: 0` drops it.
 */
export function RotateTokenFlow({ token, environments, now, onClose }: RotateTokenFlowProps) {
  const mutation = useMutation(tokenMutations.rotate());
  const rotated = mutation.data;

  function close() {
    mutation.reset();
    onClose();
  }

  if (rotated) {
    return (
      <Suspense fallback={<DialogPending />}>
        <LazyRevealSecretDialog apiKey={rotated.apiKey} secret={rotated.secret} environments={environments} now={now} onClose={close} />
      </Suspense>
    );
  }
  if (!token) return null;
  return (
    <Suspense fallback={<DialogPending />}>
      <LazyRotateTokenDialog
        key={token.id}
        token={token}
        isPending={mutation.isPending}
        error={mutation.error}
        onConfirm={(gracePeriod) => mutation.mutate({ id: token.id, gracePeriod })}
        onDismiss={close}
      />
    </Suspense>
  );
}
