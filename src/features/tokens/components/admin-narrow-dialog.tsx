import { useEffect, useRef } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { unusedScopeDays } from '../../../contract/usage';
import { isApiError } from '../../../lib/api-client';
import type { NarrowingPreview } from '../utils/review-narrowing';

const count = new Intl.NumberFormat('en');
const plural = (n: number, one: string, many: string) => `${count.format(n)} ${n === 1 ? one : many}`;

type AdminNarrowDialogProps = {
  /** The selected rows, each with what it would lose or why it is skipped. */
  previews: readonly NarrowingPreview[];
  isPending: boolean;
  error: unknown;
  onConfirm: () => void;
  onDismiss: () => void;
};

/** "Remove unused scopes": says, token by token, which scopes go and which tokens are left as they are. */
export function AdminNarrowDialog({ previews, isPending, error, onConfirm, onDismiss }: AdminNarrowDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const narrowing = previews.filter((preview) => preview.plan.ok);
  const skipped = previews.filter((preview) => !preview.plan.ok);
  const title = narrowing.length > 0 ? `Remove unused scopes from ${plural(narrowing.length, 'token', 'tokens')}?` : 'No scopes to remove';
  return (
    <Dialog
      open
      size="lg"
      onDismiss={() => {
        if (!isPending) onDismiss();
      }}
      title={title}
      description={`Only scopes held ${unusedScopeDays} days or more without a single use are removed. Each token keeps its secret and expiry, and its timeline records the change.`}
      footer={
        <>
          <Button ref={cancelRef} variant="secondary" onClick={onDismiss} disabled={isPending}>
            {narrowing.length > 0 ? 'Cancel' : 'Close'}
          </Button>
          {narrowing.length > 0 ? (
            <Button onClick={onConfirm} disabled={isPending}>
              {isPending ? 'Removing…' : 'Remove unused scopes'}
            </Button>
          ) : null}
        </>
      }
    >
      <div className="space-y-4 text-sm text-zinc-700 dark:text-zinc-300">
        {error ? (
          <Alert tone="error" title="No scopes were removed.">
            {isApiError(error) ? error.message : 'Something went wrong. Try again in a moment.'}
          </Alert>
        ) : null}
        {narrowing.length > 0 ? (
          <ul aria-label="Scopes to remove" className="max-h-64 space-y-2 overflow-y-auto">
            {narrowing.map(({ token, plan }) => (
              <li key={token.id}>
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{token.name}</span> ({token.owner.username}): remove{' '}
                {plan.ok
                  ? plan.remove.map((scope, index) => (
                      <span key={scope}>
                        {index > 0 ? ', ' : null}
                        <code className="font-mono text-zinc-900 dark:text-zinc-100">{scope}</code>
                      </span>
                    ))
                  : null}
              </li>
            ))}
          </ul>
        ) : null}
        {skipped.length > 0 ? (
          <section aria-labelledby="narrow-skipped">
            <h3 id="narrow-skipped" className="font-semibold text-zinc-900 dark:text-zinc-100">
              Left as they are ({count.format(skipped.length)})
            </h3>
            <ul className="mt-1 max-h-40 space-y-1 overflow-y-auto">
              {skipped.map(({ token, plan }) => (
                <li key={token.id}>
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{token.name}</span> ({token.owner.username}): {plan.ok ? null : plan.reason}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Dialog>
  );
}
