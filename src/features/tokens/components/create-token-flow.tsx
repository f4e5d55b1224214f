import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Policy } from '../../../contract/policy';
import { Button } from '../../../components/ui/button';
import { PlusIcon } from '../../../components/page-header';
import { isApiError } from '../../../lib/api-client';
import { useNow } from '../../../lib/use-now';
import { tokenMutations } from '../api';
import { dropCreateDraft, dropUnansweredCreateDraft, interruptedCreateDraft, keepCreateDraft } from '../utils/create-draft';
import { DialogSuspense, LazyCreateTokenDialog, LazyRevealSecretDialog, preloadCreateFlow } from './lazy-dialogs';

type CreateTokenFlowProps = {
  /** The workspace policy; the button waits (disabled) until it has loaded. */
  policy: Policy | undefined;
  label?: string;
  /** The clock, for tests; the live time otherwise. */
  now?: Date;
  /**
   * The page's main Create button reopens a create the session expired under. Only one flow per page
   * may: a second one (the empty list's "Create your first token") mounting in the same render would
   * take the same draft and open a second form.
   */
  restoresDraft?: boolean;
  /** For a service account the viewer manages; none: a token of the viewer's own. */
  ownerId?: string;
};

/**
 * "Create token": the create dialog, then the reveal-once dialog. The secret lives only in this
 * mutation's result while the reveal dialog is open; closing resets the mutation, and with
 * `gcTime: 0` the cache lets go of it at once.
 */
export function CreateTokenFlow({ policy, label = 'Create token', now: fixedNow, restoresDraft = false, ownerId }: CreateTokenFlowProps) {
  const liveNow = useNow();
  const now = fixedNow ?? liveNow;
  const triggerRef = useRef<HTMLButtonElement>(null);
  const mutation = useMutation(tokenMutations.create());
  const created = mutation.data;
  // A create the session expired under: back from signing in, the form opens again with what was typed.
  const [draft] = useState(() => (restoresDraft ? interruptedCreateDraft() : null));
  const [formOpen, setFormOpen] = useState(draft !== null);
  // Handed out once: dropped after mounting, so a render run twice (StrictMode) still finds it.
  useEffect(() => {
    if (draft) dropCreateDraft();
    return dropUnansweredCreateDraft;
  }, [draft]);

  function close() {
    dropCreateDraft();
    mutation.reset();
    setFormOpen(false);
    triggerRef.current?.focus();
  }

  return (
    <>
      <Button
        ref={triggerRef}
        disabled={!policy}
        onPointerEnter={preloadCreateFlow}
        onFocus={preloadCreateFlow}
        onClick={() => {
          mutation.reset();
          setFormOpen(true);
        }}
      >
        <PlusIcon />
        {label}
      </Button>
      <DialogSuspense onCancel={close}>
        {policy && formOpen && !created ? (
          <LazyCreateTokenDialog
            policy={policy}
            now={now}
            isPending={mutation.isPending}
            error={mutation.error}
            draft={draft ?? undefined}
            onSubmit={(request, values) => {
              keepCreateDraft(values);
              mutation.mutate(ownerId === undefined ? request : { ...request, ownerId }, {
                // A 401 is the sign-in redirect's business: it marks the draft as one to give back.
                onError: (error) => {
                  if (!(isApiError(error) && error.status === 401)) dropCreateDraft();
                },
                onSuccess: dropCreateDraft,
              });
            }}
            onDismiss={close}
          />
        ) : null}
        {created ? (
          <LazyRevealSecretDialog
            apiKey={created.apiKey}
            secret={created.secret}
            environments={policy?.environments}
            now={now}
            onClose={close}
          />
        ) : null}
      </DialogSuspense>
    </>
  );
}
