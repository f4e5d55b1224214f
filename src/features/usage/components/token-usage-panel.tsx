import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client';
import { usageMutations, usageQueries } from '../api';
import { TokenUsageView } from './token-usage-view';

type TokenUsagePanelProps = {
  id: string;
  now: Date;
  /** Whether the viewer may take scopes away (the owner or an admin, while the token is active). */
  canNarrow: boolean;
};

/** The token page's "Usage" section: fetches the token's usage and narrows its scopes on request. */
export function TokenUsagePanel({ id, now, canNarrow }: TokenUsagePanelProps) {
  const usage = useQuery(usageQueries.token(id));
  const narrow = useMutation(usageMutations.narrow());
  const [removeError, setRemoveError] = useState<string | null>(null);
  return (
    <TokenUsageView
      usage={usage.data}
      isPending={usage.isPending}
      error={usage.error}
      onRetry={() => void usage.refetch()}
      now={now}
      removing={narrow.isPending ? (narrow.variables.remove[0] ?? null) : null}
      removeError={removeError}
      onRemoveScope={
        canNarrow
          ? (scope) => {
              setRemoveError(null);
              narrow.mutate(
                { id, remove: [scope] },
                { onError: (error) => setRemoveError(isApiError(error) ? error.message : `Couldn’t remove ${scope}.`) },
              );
            }
          : null
      }
    />
  );
}
