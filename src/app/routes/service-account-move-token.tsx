import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { OffboardingToken } from '../../contract/members';
import type { CreateApiKeyRequest } from '../../contract/tokens';
import { LoadError } from '../../components/load-error';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { SelectField } from '../../components/ui/select';
import { LoadingRegion, Skeleton } from '../../components/ui/skeleton';
import { policyQueries } from '../../features/policy/api';
import { serviceAccountQueries } from '../../features/service-accounts/api';
import { tokenMutations, tokenQueries } from '../../features/tokens/api';
import { DialogSuspense, LazyRevealSecretDialog } from '../../features/tokens/components/lazy-dialogs';
import { ScopeList } from '../../features/tokens/components/scope-list';
import { isApiError } from '../../lib/api-client';
import { formatDate } from '../../lib/relative-time';

/**
 * "Move to a service account…" in the offboarding preview: a replacement for a person's token on a
 * service account — same name, description, environment, scopes and expiry — made before the person is
 * deactivated, its new secret revealed once with the usual dialog. The person's token itself is revoked
 * with them; whatever used it is switched to the new secret.
 */
export function MoveTokenToServiceAccount({ token, now }: { token: OffboardingToken; now: Date }) {
  const [open, setOpen] = useState(false);
  const [movedTo, setMovedTo] = useState<string | null>(null);
  const create = useMutation(tokenMutations.create());

  function close() {
    create.reset();
    setOpen(false);
  }

  if (create.data) {
    return (
      <DialogSuspense onCancel={close}>
        <LazyRevealSecretDialog apiKey={create.data.apiKey} secret={create.data.secret} now={now} onClose={close} />
      </DialogSuspense>
    );
  }
  return (
    <>
      {movedTo ? (
        <span className="text-sm font-medium text-emerald-700 dark:text-emerald-300">Replacement on {movedTo}</span>
      ) : (
        <Button variant="secondary" size="sm" aria-label={`Move to a service account… (${token.name})`} onClick={() => setOpen(true)}>
          Move to a service account…
        </Button>
      )}
      {open ? (
        <MoveDialog
          token={token}
          pending={create.isPending}
          error={create.error}
          onCancel={close}
          onMove={(request, accountName) => create.mutate(request, { onSuccess: () => setMovedTo(accountName) })}
        />
      ) : null}
    </>
  );
}

type MoveRequest = CreateApiKeyRequest;

function MoveDialog({
  token,
  pending,
  error,
  onCancel,
  onMove,
}: {
  token: OffboardingToken;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onMove: (request: MoveRequest, accountName: string) => void;
}) {
  // The token as it is now (scopes and description are not in the preview); admins read anyone's.
  const full = useQuery(tokenQueries.detail(token.id));
  const accounts = useQuery(serviceAccountQueries.list());
  const policy = useQuery(policyQueries.get());
  const [accountId, setAccountId] = useState('');
  const options = accounts.data?.data ?? [];
  const chosen = options.find((account) => account.id === accountId) ?? options[0];
  const environment = policy.data?.environments.find((e) => e.id === token.environment)?.label ?? token.environment;
  const failure = isApiError(error) ? [error.message, ...Object.values(error.fields)].filter((m) => m !== 'Check the highlighted fields.').join(' ') : error ? 'Something went wrong. Try again.' : null;

  return (
    <Dialog
      open
      onDismiss={onCancel}
      title={`Move “${token.name}” to a service account`}
      description="A new token with the same name, environment, scopes and expiry is made for the service account, and its secret is shown once. Put it where this token is used; this one stops working when the person is deactivated."
      footer={
        <>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            disabled={pending || !full.data || !chosen}
            onClick={() => {
              if (!full.data || !chosen) return;
              onMove(
                {
                  name: full.data.name,
                  description: full.data.description ?? undefined,
                  environment: full.data.environment,
                  scopes: full.data.scopes,
                  expiresAt: full.data.expiresAt,
                  ownerId: chosen.id,
                },
                chosen.name,
              );
            }}
          >
            {pending ? 'Creating…' : 'Create replacement'}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        {accounts.isPending || full.isPending ? (
          <LoadingRegion label="Loading service accounts">
            <Skeleton className="h-10" />
          </LoadingRegion>
        ) : accounts.isError || full.isError ? (
          <LoadError
            error={full.error ?? accounts.error}
            onRetry={() => void Promise.all([accounts.refetch(), full.refetch()])}
            isRetrying={accounts.isRefetching || full.isRefetching}
            subject={full.isError ? 'the token' : 'the service accounts'}
          />
        ) : options.length === 0 ? (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">There are no service accounts yet. Create one under Settings → Service accounts, then come back.</p>
        ) : (
          <>
            <SelectField
              label="Service account"
              value={chosen?.id ?? ''}
              options={options.map((account) => ({ value: account.id, label: account.name }))}
              onValueChange={setAccountId}
            />
            <dl className="grid gap-2 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-4">
              <dt className="font-medium text-zinc-600 dark:text-zinc-400">Environment</dt>
              <dd className="text-zinc-900 dark:text-white">{environment}</dd>
              <dt className="font-medium text-zinc-600 dark:text-zinc-400">Scopes</dt>
              <dd>
                <ScopeList scopes={full.data.scopes} />
              </dd>
              <dt className="font-medium text-zinc-600 dark:text-zinc-400">Expires</dt>
              <dd className="text-zinc-900 dark:text-white">{formatDate(new Date(token.expiresAt))}</dd>
            </dl>
          </>
        )}
      </div>
    </Dialog>
  );
}
