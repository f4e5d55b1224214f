import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { eventTypeLabels } from '../../../contract/events';
import type { WebhookEndpoint } from '../../../contract/webhooks';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { webhookMutations } from '../api';
import { DeliveryLog } from './delivery-log';
import { SigningSecret } from './signing-secret';

type Confirming = 'delete' | 'rotate' | null;

/** One endpoint: what it receives, its actions, and its delivery log on demand. */
export function WebhookEndpointCard({ endpoint, now }: { endpoint: WebhookEndpoint; now: Date }) {
  const [showLog, setShowLog] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const sendTest = useMutation(webhookMutations.sendTest());
  const update = useMutation(webhookMutations.update());
  const remove = useMutation(webhookMutations.remove());
  const rotate = useMutation(webhookMutations.rotateSecret());
  const logId = useId();
  const failure = [sendTest, update].find((m) => m.isError)?.error;

  function closeRotate() {
    rotate.reset();
    setConfirming(null);
  }

  return (
    <li className="rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <h2 className="font-mono text-sm font-medium break-all text-zinc-900 dark:text-white">{endpoint.url}</h2>
          {endpoint.description ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{endpoint.description}</p> : null}
          <ul aria-label="Events" className="flex flex-wrap gap-1.5 pt-1">
            {endpoint.events.map((type) => (
              <li key={type}>
                <Badge tone="neutral" title={eventTypeLabels[type]}>
                  {type}
                </Badge>
              </li>
            ))}
          </ul>
        </div>
        <Badge tone={endpoint.enabled ? 'success' : 'neutral'} className="self-start">
          {endpoint.enabled ? 'Enabled' : 'Disabled'}
        </Badge>
      </div>

      {failure ? (
        <Alert tone="error" className="mt-3">
          {errorMessage(failure)}
        </Alert>
      ) : null}
      {sendTest.isSuccess ? (
        <p role="status" className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
          Test event queued: it shows in the deliveries below.
        </p>
      ) : null}

      <div className="mt-4 flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="secondary"
          disabled={sendTest.isPending}
          onClick={() => sendTest.mutate(endpoint.id, { onSuccess: () => setShowLog(true) })}
        >
          {sendTest.isPending ? 'Sending…' : 'Send test event'}
        </Button>
        <Button size="sm" variant="secondary" aria-expanded={showLog} aria-controls={logId} onClick={() => setShowLog((shown) => !shown)}>
          {showLog ? 'Hide deliveries' : 'Show deliveries'}
        </Button>
        <Button size="sm" variant="secondary" disabled={update.isPending} onClick={() => update.mutate({ id: endpoint.id, enabled: !endpoint.enabled })}>
          {endpoint.enabled ? 'Disable' : 'Enable'}
        </Button>
        <Button size="sm" variant="secondary" onClick={() => setConfirming('rotate')}>
          Rotate secret
        </Button>
        <Button size="sm" variant="ghost" className="text-red-700 dark:text-red-300" onClick={() => setConfirming('delete')}>
          Delete
        </Button>
      </div>

      <div id={logId} hidden={!showLog} className="mt-4">
        {showLog ? <DeliveryLog endpointId={endpoint.id} now={now} /> : null}
      </div>

      <Dialog
        open={confirming === 'delete'}
        role="alertdialog"
        onDismiss={() => setConfirming(null)}
        title="Delete this endpoint?"
        description={`Keyline stops sending events to ${endpoint.url}, and its delivery log goes with it.`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(endpoint.id, { onSuccess: () => setConfirming(null) })}>
              {remove.isPending ? 'Deleting…' : 'Delete endpoint'}
            </Button>
          </>
        }
      >
        {remove.isError ? <Alert tone="error">{isApiError(remove.error) ? remove.error.message : 'Could not delete. Try again.'}</Alert> : null}
      </Dialog>

      <Dialog
        open={confirming === 'rotate'}
        role={rotate.data ? 'dialog' : 'alertdialog'}
        onDismiss={closeRotate}
        title={rotate.data ? 'New signing secret' : 'Rotate the signing secret?'}
        description={rotate.data ? undefined : 'The current secret stops working at once: update your receiver with the new one.'}
        footer={
          rotate.data ? (
            <Button onClick={closeRotate}>Done</Button>
          ) : (
            <>
              <Button variant="secondary" onClick={closeRotate}>
                Cancel
              </Button>
              <Button disabled={rotate.isPending} onClick={() => rotate.mutate(endpoint.id)}>
                {rotate.isPending ? 'Rotating…' : 'Rotate secret'}
              </Button>
            </>
          )
        }
      >
        {rotate.data ? <SigningSecret secret={rotate.data.secret} /> : null}
        {rotate.isError ? <Alert tone="error">{isApiError(rotate.error) ? rotate.error.message : 'Could not rotate. Try again.'}</Alert> : null}
      </Dialog>
    </li>
  );
}
