import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { Policy } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { tokenMutations, tokenQueries } from '../api';
import { revokeFailureMessage } from '../utils/revoke-failure-message';
import { DialogSuspense, LazyRevokeTokenDialog } from './lazy-dialogs';
import { RotateTokenFlow } from './rotate-token-flow';
import { GracePeriodNotice } from './grace-period-notice';
import { TokenSettings } from './token-settings';
import { TokenTimeline } from './token-timeline';
import { TokenStatusBadges } from './token-status-badge';

type TokenDetailPanelProps = {
  id: string;
  policy: Policy | undefined;
  now: Date;
  /** The signed-in user: rotating is for the owner only (an admin may still read and revoke). */
  viewerId?: string;
  /** Open the rotate dialog as the page opens (a link from an email), when the viewer may rotate it. */
  rotateRequested?: boolean;
  onRotateRequestDone?: () => void;
  /** A section composed by the page between the settings and the timeline (how the token is used). */
  usage?: ReactNode;
};

/** One token: its settings and scopes, the rotation in progress, its timeline, and rotate / revoke. */
export function TokenDetailPanel({ id, policy, now, viewerId, rotateRequested = false, onRotateRequestDone, usage }: TokenDetailPanelProps) {
  const environments = policy?.environments;
  const token = useQuery(tokenQueries.detail(id));
  const events = useQuery(tokenQueries.events(id));
  const revoke = useMutation(tokenMutations.revoke());
  const cutOff = useMutation(tokenMutations.cutOff());
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  const [confirmingRevoke, setConfirmingRevoke] = useState<ApiKey | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  if (token.isPending) {
    return (
      <LoadingRegion label="Loading the token…" className="space-y-3">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-32 w-full" />
      </LoadingRegion>
    );
  }
  if (!token.data) {
    const missing = isApiError(token.error) && token.error.type === 'not_found_error';
    return (
      <Alert tone="error" title={missing ? 'There is no such token.' : 'We couldn’t load this token.'}>
        {missing ? 'It may belong to someone else, or the link is wrong.' : isApiError(token.error) ? token.error.message : null}
      </Alert>
    );
  }

  const key = token.data;
  const isOwner = viewerId === undefined || viewerId === key.owner.id;
  // Only once the viewer is known to be the owner: an admin following the link sees no dialog flash.
  const requested = rotateRequested && viewerId === key.owner.id && key.status !== 'revoked' ? key : null;
  // The server's word first (a cut-off is immediate there); the clock then hides it when the grace runs out.
  const inGrace =
    key.status === 'active' && key.rotation?.previousSecretActive && Date.parse(key.rotation.previousSecretValidUntil) > now.getTime();

  return (
    <div className="space-y-8">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-zinc-900 dark:text-white">{key.name}</h1>
          <title>{`${key.name} · Keyline`}</title>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <TokenStatusBadges token={key} now={now} />
            <code className="font-mono">{key.hint}</code>
            {!isOwner ? <span>Owner: {key.owner.username}</span> : null}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          {isOwner && key.status !== 'revoked' ? (
            <Button variant={key.status === 'expired' ? 'primary' : 'secondary'} onClick={() => setRotating(key)}>
              {key.status === 'expired' ? 'Renew' : 'Rotate'}
            </Button>
          ) : null}
          {key.status === 'active' ? (
            <Button variant="danger" onClick={() => setConfirmingRevoke(key)}>
              Revoke
            </Button>
          ) : null}
        </div>
      </div>

      {actionError ? <Alert tone="error">{actionError}</Alert> : null}

      {inGrace && key.rotation ? (
        <GracePeriodNotice
          rotation={key.rotation}
          canEnd={isOwner}
          isEnding={cutOff.isPending}
          onEnd={() =>
            cutOff.mutate(key.id, {
              onError: (error) => setActionError(isApiError(error) ? error.message : 'Couldn’t end the grace period.'),
            })
          }
        />
      ) : null}

      <section aria-labelledby="token-settings">
        <h2 id="token-settings" className="mb-3 text-lg font-semibold text-zinc-900 dark:text-white">
          Settings
        </h2>
        <Card className="px-5 py-4">
          <TokenSettings token={key} environments={environments} now={now} />
        </Card>
      </section>

      {usage ? (
        <section aria-labelledby="token-usage">
          <h2 id="token-usage" className="mb-3 text-lg font-semibold text-zinc-900 dark:text-white">
            Usage
          </h2>
          <Card className="px-5 py-5">{usage}</Card>
        </section>
      ) : null}

      <section aria-labelledby="token-timeline">
        <h2 id="token-timeline" className="mb-3 text-lg font-semibold text-zinc-900 dark:text-white">
          Timeline
        </h2>
        <Card className="px-5 py-5">
          <TokenTimeline
            events={events.data?.data}
            isPending={events.isPending}
            error={events.error}
            onRetry={() => void events.refetch()}
            isRetrying={events.isFetching}
            now={now}
          />
        </Card>
      </section>

      <RotateTokenFlow
        token={rotating ?? requested}
        policy={policy}
        now={now}
        onClose={() => {
          setRotating(null);
          if (rotateRequested) onRotateRequestDone?.();
        }}
      />
      {confirmingRevoke ? (
        <DialogSuspense onCancel={() => setConfirmingRevoke(null)}>
          <LazyRevokeTokenDialog
            token={confirmingRevoke}
            now={now}
            onCancel={() => setConfirmingRevoke(null)}
            onConfirm={(target) => {
              setConfirmingRevoke(null);
              setActionError(null);
              revoke.mutate(target, { onError: (error) => setActionError(revokeFailureMessage(target, error)) });
            }}
          />
        </DialogSuspense>
      ) : null}
    </div>
  );
}
