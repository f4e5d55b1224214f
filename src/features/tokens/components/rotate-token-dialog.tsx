import { useEffect, useRef, useState } from 'react';
import type { GracePeriod } from '../../../contract/lifecycle';
import type { ApiKey } from '../../../contract/tokens';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { SegmentedControl } from '../../../components/ui/segmented-control';
import { isApiError } from '../../../lib/api-client';
import { formatWait, rateLimitMessage, useRetryCountdown } from '../../../lib/retry-countdown';

export const graceOptions: { value: GracePeriod; label: string }[] = [
  { value: 'none', label: 'No grace' },
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
];

type RotateTokenDialogProps = {
  token: ApiKey;
  isPending: boolean;
  error: unknown;
  onConfirm: (gracePeriod: GracePeriod) => void;
  onDismiss: () => void;
  /** Offered when the policy refused the rotate: the create form, with what the policy still allows. */
  onCreateNarrower?: () => void;
};

/**
 * "Rotate “CI deploy”?": a new secret with the same settings. An active token's old secret may keep
 * working for a while, so a deploy can switch over without downtime; an expired token is renewed
 * (its old secret is already dead, there is nothing to keep alive).
 */
export function RotateTokenDialog({ token, isPending, error, onConfirm, onDismiss, onCreateNarrower }: RotateTokenDialogProps) {
  const renewing = token.status === 'expired';
  const [gracePeriod, setGracePeriod] = useState<GracePeriod>(renewing ? 'none' : '1h');
  // The policy no longer allows this token's scopes or environment: trying again cannot succeed, and
  // the server's message says what to do instead (a narrower token).
  // Cancel has focus on open: the old secret may stop working the moment this is confirmed. After the dialog's effect opened it.
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  const rateLimit = useRetryCountdown(error);
  const refusedByPolicy =
    isApiError(error) && error.status === 422 && (Object.hasOwn(error.fields, 'scopes') || Object.hasOwn(error.fields, 'environment'));
  return (
    <Dialog
      open
      onDismiss={onDismiss}
      title={renewing ? `Renew “${token.name}”?` : `Rotate “${token.name}”?`}
      description="You get a new secret with the same name, environment and scopes, and a fresh expiry."
      footer={
        <>
          <Button ref={cancelRef} variant="secondary" onClick={onDismiss}>
            Cancel
          </Button>
          {refusedByPolicy ? (
            onCreateNarrower ? <Button onClick={onCreateNarrower}>Create a narrower token</Button> : null
          ) : (
            <Button
              className="aria-disabled:cursor-not-allowed aria-disabled:opacity-60"
              onClick={() => {
                if (!rateLimit.waiting) onConfirm(renewing ? 'none' : gracePeriod);
              }}
              disabled={isPending}
              aria-disabled={rateLimit.waiting || undefined}
            >
              {isPending
                ? renewing
                  ? 'Renewing…'
                  : 'Rotating…'
                : `${renewing ? 'Renew token' : 'Rotate token'}${rateLimit.waiting ? ` in ${formatWait(rateLimit.secondsLeft)}` : ''}`}
            </Button>
          )}
        </>
      }
    >
      <div className="space-y-4">
        {error ? (
          <Alert tone="error">
            {rateLimit.retryAt !== null
              ? rateLimitMessage(rateLimit.retryAt)
              : isApiError(error)
                ? error.message
                : 'Couldn’t rotate the token. Try again.'}
          </Alert>
        ) : null}
        {refusedByPolicy ? null : renewing ? (
          <p className="text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
            This token has expired. Renewing issues a new secret; the old one stays dead.
          </p>
        ) : (
          <>
            <SegmentedControl
              label="Keep the old secret working for"
              options={graceOptions}
              value={gracePeriod}
              onChange={setGracePeriod}
              disabled={isPending}
            />
            <p className="text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
              {gracePeriod === 'none'
                ? 'The old secret stops working the moment you rotate. Anything still using it will fail.'
                : 'Both secrets work until the grace period ends, so you can update your jobs first. You can end it early on the token’s page.'}
            </p>
          </>
        )}
      </div>
    </Dialog>
  );
}
