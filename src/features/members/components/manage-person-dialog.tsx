import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { type Member, type OffboardingPreview, type OffboardingToken } from '../../../contract/members';
import { DeactivationDialog, DeactivationPreviewState, TokensThatStopWorking } from '../../../components/deactivation-preview';
import { LoadError } from '../../../components/load-error';
import { RelativeTime } from '../../../components/relative-time';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { Skeleton, LoadingRegion } from '../../../components/ui/skeleton';
import { errorMessage } from '../../../lib/api-client';
import { formatTimeAgo } from '../../../lib/relative-time';
import { memberMutations, memberQueries } from '../api';
import { describeMemberEvent } from '../utils/describe-member-event';
import { InviteLink } from './invite-link';
import { MemberStatusBadge } from './member-table';

/** What the offboarding preview offers beside each live token (composed by the page: "Move to a service account…"). */
export type OffboardingTokenAction = (token: OffboardingToken) => ReactNode;

type ManagePersonDialogProps = {
  member: Member;
  now: Date;
  viewerId: string;
  onClose: () => void;
  tokenAction?: OffboardingTokenAction;
};

/** One person: role, a new sign-in link, deactivation (after a preview of what stops), and their history. */
export function ManagePersonDialog({ member: initial, now, viewerId, onClose, tokenAction }: ManagePersonDialogProps) {
  const detail = useQuery(memberQueries.detail(initial.id));
  const member = detail.data?.user ?? initial;
  const update = useMutation(memberMutations.update());
  const issueLink = useMutation(memberMutations.issueLink());
  const [confirmingDeactivation, setConfirmingDeactivation] = useState(false);

  if (confirmingDeactivation) {
    return (
      <DeactivateStep
        member={member}
        now={now}
        tokenAction={tokenAction}
        pending={update.isPending}
        error={update.error ? errorMessage(update.error) : undefined}
        onCancel={() => {
          update.reset();
          setConfirmingDeactivation(false);
        }}
        onConfirm={() =>
          update.mutate({ id: member.id, status: 'deactivated' }, { onSuccess: () => setConfirmingDeactivation(false) })
        }
      />
    );
  }

  const isSelf = member.id === viewerId;
  const otherRole = member.role === 'admin' ? 'member' : 'admin';
  return (
    <Dialog
      open
      onDismiss={onClose}
      size="lg"
      title={member.username}
      description={
        <span className="flex flex-wrap items-center gap-2">
          <MemberStatusBadge status={member.status} />
          <span>{member.role === 'admin' ? 'Admin' : 'Member'}</span>
          <span aria-hidden="true">·</span>
          <span>
            {member.liveTokens} live {member.liveTokens === 1 ? 'token' : 'tokens'}
          </span>
        </span>
      }
      footer={
        <Button variant="secondary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <div className="space-y-6">
        {update.error ? <Alert tone="error">{errorMessage(update.error)}</Alert> : null}

        <section aria-labelledby="manage-role" className="space-y-2">
          <h3 id="manage-role" className="text-sm font-semibold text-zinc-900 dark:text-white">
            Role
          </h3>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {member.role === 'admin'
              ? 'Admins review everyone’s tokens, set the token policy and manage people.'
              : 'Members make and manage their own tokens.'}
          </p>
          <Button
            variant="secondary"
            size="sm"
            disabled={update.isPending || member.status === 'deactivated'}
            onClick={() => update.mutate({ id: member.id, role: otherRole })}
          >
            {otherRole === 'admin' ? 'Make admin' : isSelf ? 'Step down to member' : 'Make member'}
          </Button>
        </section>

        {member.status !== 'deactivated' ? (
          <section aria-labelledby="manage-link" className="space-y-2">
            <h3 id="manage-link" className="text-sm font-semibold text-zinc-900 dark:text-white">
              {member.status === 'invited' ? 'Invite link' : 'Password'}
            </h3>
            {issueLink.data ? (
              <InviteLink invite={issueLink.data} />
            ) : (
              <>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  {member.status === 'invited'
                    ? 'They have not joined yet. A new link replaces the one they have.'
                    : 'A reset link lets them choose a new password; it signs them out everywhere when used.'}
                </p>
                {issueLink.error ? <Alert tone="error">{errorMessage(issueLink.error)}</Alert> : null}
                <Button variant="secondary" size="sm" disabled={issueLink.isPending} onClick={() => issueLink.mutate(member.id)}>
                  {member.status === 'invited' ? 'Create a new invite link' : 'Create a password reset link'}
                </Button>
              </>
            )}
          </section>
        ) : null}

        <section aria-labelledby="manage-access" className="space-y-2">
          <h3 id="manage-access" className="text-sm font-semibold text-zinc-900 dark:text-white">
            Access
          </h3>
          {member.status === 'deactivated' ? (
            <>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Reactivating lets them sign in again. Their revoked tokens stay revoked.
              </p>
              <Button variant="secondary" size="sm" disabled={update.isPending} onClick={() => update.mutate({ id: member.id, status: 'active' })}>
                Reactivate
              </Button>
            </>
          ) : (
            <>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Deactivating signs them out everywhere and revokes every token they own. You see what stops working first.
              </p>
              <Button variant="danger" size="sm" onClick={() => setConfirmingDeactivation(true)}>
                Deactivate…
              </Button>
            </>
          )}
        </section>

        <section aria-labelledby="manage-history" className="space-y-2">
          <h3 id="manage-history" className="text-sm font-semibold text-zinc-900 dark:text-white">
            History
          </h3>
          {detail.isPending ? (
            <LoadingRegion label="Loading history">
              <Skeleton className="h-4 w-2/3" />
            </LoadingRegion>
          ) : detail.isError ? (
            <LoadError error={detail.error} onRetry={() => void detail.refetch()} isRetrying={detail.isRefetching} subject="the history" />
          ) : (
            <ol className="space-y-1.5 text-sm text-zinc-700 dark:text-zinc-300">
              {detail.data.events.map((event, index) => (
                <li key={`${event.type}-${event.at}-${index}`} className="flex flex-wrap justify-between gap-x-4">
                  <span>{describeMemberEvent(event, member.id)}</span>
                  <RelativeTime date={event.at} now={now} className="text-zinc-500 dark:text-zinc-400">
                    {formatTimeAgo(new Date(event.at), now)}
                  </RelativeTime>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </Dialog>
  );
}

type DeactivateStepProps = {
  member: Member;
  now: Date;
  tokenAction: OffboardingTokenAction | undefined;
  pending: boolean;
  error: string | undefined;
  onCancel: () => void;
  onConfirm: () => void;
};

function DeactivateStep({ member, now, tokenAction, pending, error, onCancel, onConfirm }: DeactivateStepProps) {
  const preview = useQuery(memberQueries.offboarding(member.id));
  return (
    <DeactivationDialog
      name={member.username}
      description="They are signed out everywhere at once and every token they own is revoked. Reactivating later restores sign-in, not tokens."
      previewPending={preview.isPending}
      pending={pending}
      error={error ?? null}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <DeactivationPreviewState preview={preview} whose="their">
        {(data) => <OffboardingSummary preview={data} now={now} tokenAction={tokenAction} />}
      </DeactivationPreviewState>
    </DeactivationDialog>
  );
}

/** "2 tokens used in the last 7 days will stop working: deploy-prod (2 hours ago with GitHub Actions)…" */
export function OffboardingSummary({ preview, now, tokenAction }: { preview: OffboardingPreview; now: Date; tokenAction?: OffboardingTokenAction }) {
  const { tokens, recentlyUsed, sessions } = preview;
  const sessionLine = sessions === 0 ? 'No one is signed in as them now.' : `${sessions} signed-in ${sessions === 1 ? 'session ends' : 'sessions end'}.`;
  if (tokens.length === 0) {
    return (
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        They have no live tokens: nothing else stops working. {sessionLine}
      </p>
    );
  }
  return <TokensThatStopWorking tokens={tokens} recentlyUsed={recentlyUsed} now={now} lead={sessionLine} tokenAction={tokenAction} />;
}
