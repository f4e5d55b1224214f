import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { recentUseDays } from '../../../contract/members';
import type { ServiceAccountDeactivationPreview } from '../../../contract/service-account-deactivation';
import type { ServiceAccount } from '../../../contract/service-accounts';
import { classifyUserAgent, clientKindLabels } from '../../../contract/user-agent';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { formatTimeAgo } from '../../../lib/relative-time';
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
        {preview.isPending ? (
          <LoadingRegion label="Checking what stops working">
            <div className="space-y-2">
              <Skeleton className="h-4 w-3/4" />
              <Skeleton className="h-4 w-1/2" />
            </div>
          </LoadingRegion>
        ) : preview.isError ? (
          <Alert tone="error" action={<Button size="sm" variant="secondary" onClick={() => void preview.refetch()}>Try again</Button>}>
            Couldn’t check its tokens: {errorText(preview.error)}
          </Alert>
        ) : (
          <LiveTokensSummary preview={preview.data} now={now} />
        )}
      </div>
    </Dialog>
  );
}

/** "2 tokens used in the last 7 days will stop working: deploy-prod (used 2 hours ago with GitHub Actions)…" */
export function LiveTokensSummary({ preview, now }: { preview: ServiceAccountDeactivationPreview; now: Date }) {
  const { tokens, recentlyUsed } = preview;
  if (tokens.length === 0) {
    return <p className="text-sm text-zinc-700 dark:text-zinc-300">It has no live tokens: nothing stops working.</p>;
  }
  const headline =
    recentlyUsed > 0
      ? `${recentlyUsed} ${recentlyUsed === 1 ? 'token' : 'tokens'} used in the last ${recentUseDays} days will stop working.`
      : `${tokens.length} live ${tokens.length === 1 ? 'token' : 'tokens'}, none used in the last ${recentUseDays} days, will be revoked.`;
  return (
    <div className="space-y-3">
      <Alert tone="warning" title={headline}>
        Anything using these tokens — CI jobs, scripts, integrations — gets 401 from the next request.
      </Alert>
      <ul aria-label="Tokens that stop working" className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
        {tokens.map((token) => {
          const client = classifyUserAgent(token.lastUsedUserAgent);
          return (
            <li key={token.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-3 py-2">
              <span className="min-w-0">
                <span className="font-medium break-all text-zinc-900 dark:text-white">{token.name}</span>{' '}
                <span className="font-mono text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">{token.hint}</span>
              </span>
              <span className="text-zinc-600 dark:text-zinc-400">
                {token.lastUsedAt
                  ? `used ${formatTimeAgo(new Date(token.lastUsedAt), now)}${client ? ` with ${clientKindLabels[client]}` : ''}${token.lastUsedIp ? ` from ${token.lastUsedIp}` : ''}`
                  : 'never used'}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
