import { useMutation } from '@tanstack/react-query';
import { isServiceAccountActive, type ServiceAccount } from '../../../contract/service-accounts';
import { RelativeTime } from '../../../components/relative-time';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { isApiError } from '../../../lib/api-client';
import { formatTimeAgo } from '../../../lib/relative-time';
import { serviceAccountMutations } from '../api';

type Props = {
  account: ServiceAccount;
  now: Date;
  /** Admins may reactivate it. */
  canReactivate: boolean;
};

/** On a deactivated service account's page: when and by whom, that its tokens were revoked, and (for admins) Reactivate. */
export function ServiceAccountStatusNotice({ account, now, canReactivate }: Props) {
  const reactivate = useMutation(serviceAccountMutations.setStatus());
  if (isServiceAccountActive(account)) return null;
  const deactivated = account.deactivated;
  return (
    <Alert
      tone="warning"
      title="This service account is deactivated"
      action={
        canReactivate ? (
          <Button size="sm" variant="secondary" disabled={reactivate.isPending} onClick={() => reactivate.mutate({ id: account.id, status: 'active' })}>
            {reactivate.isPending ? 'Reactivating…' : 'Reactivate'}
          </Button>
        ) : undefined
      }
    >
      <p>
        {deactivated ? (
          <>
            Deactivated <RelativeTime date={deactivated.at} now={now}>{formatTimeAgo(new Date(deactivated.at), now)}</RelativeTime>
            {deactivated.by ? ` by ${deactivated.by.username}` : ''}.{' '}
          </>
        ) : null}
        Its tokens were revoked and it gets no new ones. Reactivating brings back the account, not its tokens.
      </p>
      {reactivate.error ? <p className="mt-2 font-medium">{isApiError(reactivate.error) ? reactivate.error.message : 'Couldn’t reactivate it. Try again.'}</p> : null}
    </Alert>
  );
}
