import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadError } from '../../components/load-error';
import { PageHeader, PlusIcon } from '../../components/page-header';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { LoadingRegion, Skeleton } from '../../components/ui/skeleton';
import { webhookQueries } from '../../features/webhooks/api';
import { AddWebhookDialog } from '../../features/webhooks/components/add-webhook-dialog';
import { WebhookEndpointCard } from '../../features/webhooks/components/webhook-endpoint-card';
import { useNow } from '../../lib/use-now';
import { useSignedInUser } from '../layouts/app-layout';

export const webhooksSettingsLoader = (queryClient: QueryClient) => (): null => {
  void queryClient.prefetchQuery(webhookQueries.list());
  return null;
};

/** Settings → Webhooks (admins): where lifecycle events are sent, signed, and how each delivery went. */
export function WebhooksSettingsRoute() {
  const viewer = useSignedInUser();
  if (viewer.role !== 'admin') {
    return (
      <>
        <PageHeader title="Webhooks" />
        <Alert tone="info" title="Only admins manage webhooks">
          Ask an admin of this workspace to send token events to your systems.
        </Alert>
      </>
    );
  }
  return <WebhooksSettings />;
}

function WebhooksSettings() {
  const now = useNow(15_000);
  const endpoints = useQuery(webhookQueries.list());
  const [adding, setAdding] = useState(false);

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Keyline tells your systems when tokens are created, rotated, revoked, about to expire or expired, and when someone is deactivated. Each delivery is signed (Standard Webhooks) and retried for 24 hours."
        action={
          <Button onClick={() => setAdding(true)}>
            <PlusIcon />
            Add endpoint
          </Button>
        }
      />

      {endpoints.isPending ? (
        <LoadingRegion label="Loading webhooks…">
          <div className="space-y-3">
            {[0, 1].map((i) => (
              <Skeleton key={i} className="h-32 w-full" />
            ))}
          </div>
        </LoadingRegion>
      ) : endpoints.isError ? (
        <LoadError error={endpoints.error} onRetry={() => void endpoints.refetch()} isRetrying={endpoints.isRefetching} subject="webhooks" />
      ) : endpoints.data.data.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 px-6 py-10 text-center dark:border-zinc-700">
          <p className="font-medium text-zinc-900 dark:text-white">No webhook endpoints yet</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Add one to hear about expiring and revoked tokens where your team works.</p>
        </div>
      ) : (
        <ul aria-label="Webhook endpoints" className="space-y-4">
          {endpoints.data.data.map((endpoint) => (
            <WebhookEndpointCard key={endpoint.id} endpoint={endpoint} now={now} />
          ))}
        </ul>
      )}

      <AddWebhookDialog open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
