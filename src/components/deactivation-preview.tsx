import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { recentUseDays, type OffboardingToken } from '../contract/members';
import { classifyUserAgent, clientKindLabels } from '../contract/user-agent';
import { errorMessage } from '../lib/api-client';
import { formatTimeAgo } from '../lib/relative-time';
import { Alert } from './ui/alert';
import { Button } from './ui/button';
import { Dialog } from './ui/dialog';
import { LoadingRegion, Skeleton } from './ui/skeleton';

/**
 * "Deactivate ci?" for a person or a service account: what stops working (the children), Cancel and
 * the deactivation. Opens on Cancel: the safe choice is the one a stray Enter picks. The confirm button
 * waits for the preview, so nobody confirms what they have not been shown.
 */
export function DeactivationDialog({
  name,
  description,
  previewPending,
  pending,
  error,
  onCancel,
  onConfirm,
  children,
}: {
  name: string;
  description: string;
  previewPending: boolean;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: () => void;
  children: ReactNode;
}) {
  // After the dialog's own effect has opened it (children's effects run first), which would otherwise focus its first button, Close.
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <Dialog
      open
      role="alertdialog"
      onDismiss={onCancel}
      size="lg"
      title={`Deactivate ${name}?`}
      description={description}
      footer={
        <>
          <Button ref={cancel} variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} disabled={pending || previewPending}>
            {pending ? 'Deactivating…' : `Deactivate ${name}`}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {children}
      </div>
    </Dialog>
  );
}

/**
 * The body of a "Deactivate …?" dialog while its preview loads, fails (with a retry) or has arrived:
 * a person's offboarding and a service account's deactivation show the same states.
 */
export function DeactivationPreviewState<T>({
  preview,
  whose,
  children,
}: {
  preview: UseQueryResult<T>;
  /** "their" (a person) or "its" (a service account): "Couldn’t check their tokens". */
  whose: 'their' | 'its';
  children: (data: T) => ReactNode;
}) {
  if (preview.isPending) {
    return (
      <LoadingRegion label="Checking what stops working">
        <div className="space-y-2">
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      </LoadingRegion>
    );
  }
  if (preview.isError) {
    return (
      <Alert tone="error" action={<Button size="sm" variant="secondary" onClick={() => void preview.refetch()}>Try again</Button>}>
        Couldn’t check {whose} tokens: {errorMessage(preview.error)}
      </Alert>
    );
  }
  return children(preview.data);
}

/**
 * "2 tokens used in the last 7 days will stop working", then each live token with its last use
 * ("used 2 hours ago with GitHub Actions from 203.0.113.7"). `lead` opens the warning (e.g. the sessions
 * that end); `tokenAction` adds a control under a token (moving its duty elsewhere).
 */
export function TokensThatStopWorking({
  tokens,
  recentlyUsed,
  now,
  lead,
  tokenAction,
}: {
  tokens: readonly OffboardingToken[];
  recentlyUsed: number;
  now: Date;
  lead?: string;
  tokenAction?: (token: OffboardingToken) => ReactNode;
}) {
  const headline =
    recentlyUsed > 0
      ? `${recentlyUsed} ${recentlyUsed === 1 ? 'token' : 'tokens'} used in the last ${recentUseDays} days will stop working.`
      : `${tokens.length} live ${tokens.length === 1 ? 'token' : 'tokens'}, none used in the last ${recentUseDays} days, will be revoked.`;
  return (
    <div className="space-y-3">
      <Alert tone="warning" title={headline}>
        {lead ? `${lead} ` : null}Anything using these tokens — CI jobs, scripts, integrations — gets 401 from the next request.
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
              {tokenAction ? <span className="basis-full">{tokenAction(token)}</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
