import { useMutation, useQuery, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { normalizeUserCode } from '../../contract/device';
import type { ApiKey } from '../../contract/tokens';
import { PageHeader } from '../../components/page-header';
import { Alert } from '../../components/ui/alert';
import { Button, buttonVariants } from '../../components/ui/button';
import { Card, CardBody } from '../../components/ui/card';
import { LoadingRegion, Skeleton } from '../../components/ui/skeleton';
import { deviceMutations, deviceQueries } from '../../features/device/api';
import { DeviceRequestReview } from '../../features/device/components/device-request-review';
import { UserCodeForm } from '../../features/device/components/user-code-form';
import { policyQueries } from '../../features/policy/api';
import { tokenQueries } from '../../features/tokens/api';
import { errorMessage, isApiError } from '../../lib/api-client';
import { useNow } from '../../lib/use-now';

type Decision = { kind: 'approved'; apiKey: ApiKey } | { kind: 'denied' };

/**
 * Starts the policy as the route is entered. Not the request's lookup: it is not retried and is
 * forgotten with the page (every wrong code counts), so it waits for the page that shows it.
 */
export const activateLoader = (queryClient: QueryClient) => (): null => {
  void queryClient.prefetchQuery(policyQueries.get());
  return null;
};

/**
 * `/activate` (signed in; `?code=` fills in the code): a device login (RFC 8628) waiting for the
 * person to compare its code and approve or deny it. A signed-out visitor signs in first and comes
 * back here with the code kept (the sign-in page's `next`).
 */
export function ActivateRoute() {
  const [searchParams, setSearchParams] = useSearchParams();
  const typed = searchParams.get('code') ?? '';
  const code = normalizeUserCode(typed);
  const [decision, setDecision] = useState<Decision | null>(null);

  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="Approve a device"
        description="A command-line login shows a code in your terminal. Compare it here, then approve or deny the request."
      />
      {decision ? (
        <DecisionMade decision={decision} />
      ) : code ? (
        // A new code is a new request: nothing of the last one's form may carry over.
        <PendingRequest key={code} code={code} onDecided={setDecision} onOtherCode={(next) => setSearchParams({ code: next })} />
      ) : (
        <Card>
          <CardBody className="p-5 sm:p-6">
            <UserCodeForm
              initialCode={typed}
              error={typed ? 'That isn’t a code from Keyline: it has 8 letters, like WDJB-MJHT.' : undefined}
              onSubmit={(next) => setSearchParams({ code: next })}
            />
          </CardBody>
        </Card>
      )}
    </div>
  );
}

function PendingRequest({ code, onDecided, onOtherCode }: { code: string; onDecided: (decision: Decision) => void; onOtherCode: (code: string) => void }) {
  const now = useNow(15_000);
  const request = useQuery(deviceQueries.request(code));
  const policy = useQuery(policyQueries.get());
  const approve = useMutation({ ...deviceMutations.approve(), meta: { invalidates: [tokenQueries.all()] } });
  const deny = useMutation(deviceMutations.deny());

  if (isApiError(request.error) && request.error.status === 404) {
    return (
      <Card>
        <CardBody className="p-5 sm:p-6">
          <UserCodeForm initialCode={code} error={request.error.message} onSubmit={onOtherCode} />
        </CardBody>
      </Card>
    );
  }
  const failed = request.error ?? policy.error;
  if (failed) {
    const limited = isApiError(failed) && failed.status === 429;
    return (
      <Alert
        tone="error"
        title={limited ? 'Too many wrong codes' : 'Couldn’t open this request'}
        action={
          limited ? null : (
            <Button variant="secondary" size="sm" onClick={() => void (request.error ? request.refetch() : policy.refetch())}>
              Try again
            </Button>
          )
        }
      >
        {limited ? 'Wait a few minutes, then check the code in your terminal and try again.' : isApiError(failed) ? failed.message : 'Something went wrong.'}
      </Alert>
    );
  }
  if (!request.data || !policy.data) {
    return (
      <LoadingRegion label="Looking up the request…">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="mt-6 h-56 w-full" />
        <Skeleton className="mt-6 h-72 w-full" />
      </LoadingRegion>
    );
  }

  const found = request.data;
  const decisionError = approve.error ?? deny.error;
  return (
    <DeviceRequestReview
      request={found}
      policy={policy.data}
      now={now}
      pending={approve.isPending ? 'approve' : deny.isPending ? 'deny' : null}
      error={decisionError ? { message: errorMessage(decisionError), fields: isApiError(decisionError) ? decisionError.fields : {} } : undefined}
      onApprove={(choices) => {
        deny.reset();
        approve.mutate({ id: found.id, userCode: found.userCode, ...choices }, { onSuccess: ({ apiKey }) => onDecided({ kind: 'approved', apiKey }) });
      }}
      onDeny={() => {
        approve.reset();
        deny.mutate({ id: found.id, userCode: found.userCode }, { onSuccess: () => onDecided({ kind: 'denied' }) });
      }}
    />
  );
}

function DecisionMade({ decision }: { decision: Decision }) {
  return (
    <Card>
      <CardBody className="space-y-4 p-5 sm:p-6" role="status">
        {decision.kind === 'approved' ? (
          <>
            <h2 className="text-lg font-semibold text-zinc-900 dark:text-white">Approved: go back to your terminal</h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              It signs in within a few seconds with the new token{' '}
              <span className="font-medium text-zinc-900 dark:text-zinc-100">{decision.apiKey.name}</span>. Its secret goes to
              that machine only; you can revoke the token any time.
            </p>
            <Link className={buttonVariants({ variant: 'secondary' })} to={`/account/integrations/tokens/${encodeURIComponent(decision.apiKey.id)}`}>
              View the token
            </Link>
          </>
        ) : (
          <>
            <h2 className="text-lg font-semibold text-zinc-900 dark:text-white">Denied</h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              No token was made. The terminal is told the request was denied. If you didn’t start it, someone may have
              tried to trick you into approving: nothing else is needed.
            </p>
          </>
        )}
      </CardBody>
    </Card>
  );
}
