import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { accountMutations, accountQueries } from '../api';
import { SessionList } from './session-list';
import { SignOutOthersDialog } from './sign-out-others-dialog';

/** My sessions with their sign-outs: fetches and owns the state, `SessionList` shows it. */
export function SessionsPanel({ now }: { now: Date }) {
  const sessions = useQuery(accountQueries.sessions());
  const signOutOne = useMutation(accountMutations.signOutSession());
  const signOutOthers = useMutation(accountMutations.signOutOthers());
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const list = sessions.data?.sessions;
  const others = list?.filter((session) => !session.current).length ?? 0;

  return (
    <>
      <p role="status" className="mb-3 text-sm text-emerald-700 empty:hidden dark:text-emerald-300">
        {notice}
      </p>
      <SessionList
        sessions={list}
        isPending={sessions.isPending}
        error={sessions.error}
        isRetrying={sessions.isRefetching}
        onRetry={() => void sessions.refetch()}
        now={now}
        signingOutId={signOutOne.isPending ? (signOutOne.variables ?? null) : null}
        signOutError={signOutOne.isError ? errorMessage(signOutOne.error) : null}
        onSignOut={(session) => {
          setNotice(null);
          signOutOne.mutate(session.id, { onSuccess: () => setNotice('Signed out of that session.') });
        }}
        onSignOutOthers={() => {
          signOutOthers.reset();
          setConfirming(true);
        }}
      />
      <SignOutOthersDialog
        open={confirming}
        count={others}
        pending={signOutOthers.isPending}
        error={signOutOthers.isError ? errorMessage(signOutOthers.error) : null}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          signOutOthers.mutate(undefined, {
            onSuccess: ({ signedOut }) => {
              setConfirming(false);
              setNotice(signedOut === 1 ? 'Signed out of 1 other session.' : `Signed out of ${signedOut} other sessions.`);
            },
          })
        }
      />
    </>
  );
}
