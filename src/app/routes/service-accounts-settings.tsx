import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader, PlusIcon } from '../../components/page-header';
import { Button } from '../../components/ui/button';
import { SegmentedControl } from '../../components/ui/segmented-control';
import { serviceAccountQueries } from '../../features/service-accounts/api';
import { ServiceAccountFormDialog } from '../../features/service-accounts/components/service-account-form-dialog';
import { serviceAccountPath, ServiceAccountList } from '../../features/service-accounts/components/service-account-list';
import { useNow } from '../../lib/use-now';
import { useSignedInUser } from '../layouts/app-layout';

/** `?status=deactivated` lists the deactivated ones; anything else the active ones. */
const statusIn = (params: URLSearchParams) => (params.get('status') === 'deactivated' ? 'deactivated' : 'active');

export const serviceAccountsSettingsLoader =
  (queryClient: QueryClient) =>
  ({ request }: { request: Request }): null => {
    void queryClient.prefetchQuery(serviceAccountQueries.list(statusIn(new URL(request.url).searchParams)));
    return null;
  };

/** `/settings/service-accounts`: admins see and create every one; managers see theirs. */
export function ServiceAccountsSettingsRoute() {
  const viewer = useSignedInUser();
  const isAdmin = viewer.role === 'admin';
  const now = useNow();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = statusIn(searchParams);
  const accounts = useQuery(serviceAccountQueries.list(status));
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title="Service accounts"
        description={
          isAdmin
            ? 'Owners of tokens for pipelines and integrations. They never sign in, and their tokens keep working when the people who made them leave.'
            : 'The service accounts you manage: you create, rotate and revoke their tokens.'
        }
        action={
          isAdmin ? (
            <Button onClick={() => setCreating(true)}>
              <PlusIcon />
              New service account
            </Button>
          ) : undefined
        }
      />
      <SegmentedControl
        label="Show"
        className="mb-4"
        options={[
          { value: 'active', label: 'Active' },
          { value: 'deactivated', label: 'Deactivated' },
        ]}
        value={status}
        onChange={(next) => setSearchParams(next === 'active' ? {} : { status: next }, { replace: true })}
      />
      <ServiceAccountList
        accounts={accounts.data?.data}
        isPending={accounts.isPending}
        error={accounts.error}
        onRetry={() => void accounts.refetch()}
        isRetrying={accounts.isFetching}
        now={now}
        emptyMessage={
          status === 'deactivated'
            ? 'No deactivated service accounts.'
            : isAdmin
              ? 'No service accounts yet. Create one for each pipeline or integration that needs a token of its own.'
              : 'You don’t manage any service account. An admin can make you a manager of one.'
        }
      />
      {creating ? (
        <ServiceAccountFormDialog open onClose={() => setCreating(false)} onCreated={(account) => void navigate(serviceAccountPath(account.id))} />
      ) : null}
    </>
  );
}
