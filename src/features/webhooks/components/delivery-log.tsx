import { useMutation, useQuery } from '@tanstack/react-query';
import type { WebhookDelivery } from '../../../contract/webhooks';
import { LoadError } from '../../../components/load-error';
import { Alert } from '../../../components/ui/alert';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { formatRelativeTime, formatTimeAgo } from '../../../lib/relative-time';
import { webhookMutations, webhookQueries } from '../api';

const statusTone: Record<WebhookDelivery['status'], BadgeTone> = { pending: 'warning', delivered: 'success', failed: 'danger' };
const statusLabel: Record<WebhookDelivery['status'], string> = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' };

type DeliveryLogViewProps = {
  deliveries: WebhookDelivery[] | undefined;
  isPending: boolean;
  error: unknown;
  now: Date;
  onRetry: () => void;
  onRedeliver: (delivery: WebhookDelivery) => void;
  redeliveringId: string | null;
};

/** The endpoint's latest deliveries: what was sent, how it went, and Redeliver. */
export function DeliveryLogView({ deliveries, isPending, error, now, onRetry, onRedeliver, redeliveringId }: DeliveryLogViewProps) {
  if (isPending) {
    return (
      <LoadingRegion label="Loading deliveries…">
        <Skeleton className="h-24 w-full" />
      </LoadingRegion>
    );
  }
  if (!deliveries) return <LoadError error={error} onRetry={onRetry} subject="the deliveries" />;
  if (deliveries.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No deliveries yet. Send a test event to try the endpoint.</p>;
  }
  return (
    // relative: the screen-reader-only labels inside are positioned; without it they escape the scroll box and widen the page on phones.
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">Deliveries, newest first</caption>
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">Event</th>
            <th scope="col" className="py-2 pr-3 font-medium">Status</th>
            <th scope="col" className="py-2 pr-3 font-medium">Attempts</th>
            <th scope="col" className="py-2 pr-3 font-medium">Response</th>
            <th scope="col" className="py-2 pr-3 font-medium">Latency</th>
            <th scope="col" className="py-2 pr-3 font-medium">Sent</th>
            <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {deliveries.map((delivery) => (
            <tr key={delivery.id} className="align-top text-zinc-800 dark:text-zinc-200">
              <td className="py-2 pr-3 font-mono text-xs">{delivery.eventType}</td>
              <td className="py-2 pr-3">
                <Badge tone={statusTone[delivery.status]}>{statusLabel[delivery.status]}</Badge>
                {delivery.error ? <p className="mt-1 max-w-xs text-xs text-zinc-600 dark:text-zinc-400">{delivery.error}</p> : null}
                {delivery.status === 'pending' && delivery.nextAttemptAt && delivery.attempts > 0 ? (
                  <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Next try {formatRelativeTime(new Date(delivery.nextAttemptAt), now)}</p>
                ) : null}
              </td>
              <td className="py-2 pr-3 tabular-nums">{delivery.attempts}</td>
              <td className="py-2 pr-3 tabular-nums">{delivery.responseStatus ?? '—'}</td>
              <td className="py-2 pr-3 tabular-nums">{delivery.latencyMs === null ? '—' : `${delivery.latencyMs} ms`}</td>
              <td className="py-2 pr-3 whitespace-nowrap">{formatTimeAgo(new Date(delivery.lastAttemptAt ?? delivery.createdAt), now)}</td>
              <td className="py-2 text-right">
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={`Redeliver ${delivery.eventType} (${delivery.messageId})`}
                  disabled={redeliveringId === delivery.id || delivery.status === 'pending'}
                  onClick={() => onRedeliver(delivery)}
                >
                  Redeliver
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The log of one endpoint, read while it is open (and again every few seconds while something is pending). */
export function DeliveryLog({ endpointId, now }: { endpointId: string; now: Date }) {
  const deliveries = useQuery(webhookQueries.deliveries(endpointId));
  const redeliver = useMutation(webhookMutations.redeliver());
  return (
    <div className="space-y-2">
      {redeliver.isError ? <Alert tone="error">{isApiError(redeliver.error) ? redeliver.error.message : 'Could not redeliver. Try again.'}</Alert> : null}
      <DeliveryLogView
        deliveries={deliveries.data?.data}
        isPending={deliveries.isPending}
        error={deliveries.error}
        now={now}
        onRetry={() => void deliveries.refetch()}
        onRedeliver={(delivery) => redeliver.mutate({ id: endpointId, deliveryId: delivery.id })}
        redeliveringId={redeliver.isPending ? (redeliver.variables?.deliveryId ?? null) : null}
      />
    </div>
  );
}
