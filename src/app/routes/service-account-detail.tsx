import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { RetryButton } from '../../components/ui/retry-button';
import { LoadingRegion, Skeleton } from '../../components/ui/skeleton';
import { policyQueries } from '../../features/policy/api';
import { isServiceAccountActive } from '../../contract/service-accounts';
import { serviceAccountQueries } from '../../features/service-accounts/api';
import { DeactivateServiceAccountDialog } from '../../features/service-accounts/components/deactivate-service-account-dialog';
import { ServiceAccountFormDialog } from '../../features/service-accounts/components/service-account-form-dialog';
import { ServiceAccountStatusNotice } from '../../features/service-accounts/components/service-account-status-notice';
import { ServiceAccountSummary } from '../../features/service-accounts/components/service-account-summary';
import { CreateTokenFlow } from '../../features/tokens/components/create-token-flow';
import { TokenListPanel } from '../../features/tokens/components/token-list-panel';
import { TokenUsageSlot } from '../../features/tokens/components/token-list-usage-slot';
import { isApiError } from '../../lib/api-client';
import { TokenSparkline } from '../../features/usage/components/token-sparkline';
import { useNow } from '../../lib/use-now';
import { useSignedInUser } from '../layouts/app-layout';

/**
 * `/settings/service-accounts/:id`: what the account is and, for its managers and admins, its tokens
 * with the very flows and policy of personal tokens (the token feature, told whose tokens they are).
 */
export function ServiceAccountDetailRoute() {
  const { id = '' } = useParams();
  const viewer = useSignedInUser();
  const now = useNow();
  const account = useQuery(serviceAccountQueries.detail(id));
  const policy = useQuery(policyQueries.get());
  const [editing, setEditing] = useState(false);
  const [deactivating, setDeactivating] = useState(false);

  const back = (
    <Link to="/settings/service-accounts" className="mb-4 inline-block text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
      ← Service accounts
    </Link>
  );

  if (account.isPending) {
    return (
      <>
        {back}
        <LoadingRegion label="Loading the service account">
          <Skeleton className="h-8 w-48" />
          <Skeleton className="mt-6 h-32" />
        </LoadingRegion>
      </>
    );
  }
  if (!account.data) {
    const missing = isApiError(account.error) && account.error.status === 404;
    return (
      <>
        {back}
        <PageHeader title={missing ? 'Service account not found' : 'Service account'} />
        {missing ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">It doesn’t exist, or you don’t manage it.</p>
        ) : (
          <Alert tone="error" title="We couldn’t load this service account.">
            <p>{isApiError(account.error) ? account.error.message : 'Check your connection.'}</p>
            <RetryButton onClick={() => void account.refetch()} waitSeconds={0} isPending={account.isFetching} className="mt-3" />
          </Alert>
        )}
      </>
    );
  }

  const data = account.data;
  const active = isServiceAccountActive(data);
  const isAdmin = viewer.role === 'admin';
  return (
    <>
      {back}
      <PageHeader
        title={data.name}
        description="A service account: it acts only through its tokens."
        action={
          <div className="flex flex-wrap gap-2">
            {isAdmin ? (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                Edit
              </Button>
            ) : null}
            {isAdmin && active ? (
              <Button variant="secondary" onClick={() => setDeactivating(true)}>
                Deactivate…
              </Button>
            ) : null}
            {active ? <CreateTokenFlow policy={policy.data} now={now} ownerId={data.id} /> : null}
          </div>
        }
      />
      <div className="space-y-10">
        <ServiceAccountStatusNotice account={data} now={now} canReactivate={isAdmin} />
        <ServiceAccountSummary account={data} now={now} />
        <TokenUsageSlot value={TokenSparkline}>
          <TokenListPanel policy={policy.data} now={now} ownerId={data.id} heading={`Tokens of ${data.name}`} canCreate={active} />
        </TokenUsageSlot>
      </div>
      {editing ? <ServiceAccountFormDialog open account={data} onClose={() => setEditing(false)} /> : null}
      {deactivating ? <DeactivateServiceAccountDialog account={data} now={now} onClose={() => setDeactivating(false)} /> : null}
    </>
  );
}
