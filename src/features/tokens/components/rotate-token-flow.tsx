import { useMutation } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Policy } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { tokenMutations } from '../api';
import { DialogSuspense, LazyCreateTokenDialog, LazyRevealSecretDialog, LazyRotateTokenDialog, preloadCreateFlow } from './lazy-dialogs';

type RotateTokenFlowProps = {
  /** The token to rotate (or renew, when expired); `null` keeps the flow closed. */
  token: ApiKey | null;
  /** The workspace policy: environment labels, and the narrower token offered when it refuses a rotate. */
  policy: Policy | undefined;
  now: Date;
  onClose: () => void;
};

/**
 * Rotate, then reveal the new secret once. As with create, the secret lives only in the mutation's
 * result while the reveal dialog is open; closing resets the mutation and `gcTime: 0` drops it.
 * When the policy refuses the rotate, the create form takes the dialog's place, prefilled with what
 * the policy still allows, and its secret is revealed the same way.
 */
export function RotateTokenFlow({ token, policy, now, onClose }: RotateTokenFlowProps) {
  const rotate = useMutation(tokenMutations.rotate());
  const create = useMutation(tokenMutations.create());
  // The create form in the rotate dialog's place; it works out the narrower token itself, so the
  // rules it needs load with its code, not with the page.
  const [narrowing, setNarrowing] = useState(false);
  const issued = create.data ?? rotate.data;

  // Where the rotate was started, read before the dialog opens and moves focus; it gets focus back
  // once every dialog of the flow is gone (a replaced dialog cannot hand it back itself).
  const returnFocusTo = useRef<HTMLElement | null>(null);
  const tokenId = token?.id;
  useLayoutEffect(() => {
    if (tokenId && document.activeElement instanceof HTMLElement) returnFocusTo.current = document.activeElement;
  }, [tokenId]);
  useEffect(() => {
    if (tokenId) return;
    returnFocusTo.current?.focus();
    returnFocusTo.current = null;
  }, [tokenId]);

  function close() {
    rotate.reset();
    create.reset();
    setNarrowing(false);
    onClose();
  }

  if (issued) {
    return (
      <DialogSuspense onCancel={close}>
        <LazyRevealSecretDialog apiKey={issued.apiKey} secret={issued.secret} environments={policy?.environments} now={now} onClose={close} />
      </DialogSuspense>
    );
  }
  if (!token) return null;
  if (narrowing && policy) {
    return (
      <DialogSuspense onCancel={close}>
        <LazyCreateTokenDialog
          policy={policy}
          now={now}
          narrowerFrom={token}
          isPending={create.isPending}
          error={create.error}
          // The replacement belongs to whoever owned the refused one: a service account's stays its own.
          onSubmit={(request) => create.mutate(token.owner.kind === 'service_account' ? { ...request, ownerId: token.owner.id } : request)}
          onDismiss={close}
        />
      </DialogSuspense>
    );
  }
  return (
    <DialogSuspense onCancel={close}>
      <LazyRotateTokenDialog
        key={token.id}
        token={token}
        isPending={rotate.isPending}
        error={rotate.error}
        // A refusal may lead to the create form: fetch its code while the person reads why.
        onConfirm={(gracePeriod) => rotate.mutate({ id: token.id, gracePeriod }, { onError: () => preloadCreateFlow() })}
        onDismiss={close}
        onCreateNarrower={policy ? () => setNarrowing(true) : undefined}
      />
    </DialogSuspense>
  );
}
