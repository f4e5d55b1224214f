import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client';
import { usageMutations, usageQueries } from '../api';
import { TokenUsageView } from './token-usage-view';

type TokenUsagePanelProps = {
  id: string;
  now: Date;
};

/**
 * The token page's "Usage" section: fetches the token's usage and narrows its scopes on request. Who
 * may narrow is the server's answer (`mayNarrow`), never a copy of its access rule.
 */
export function TokenUsagePanel({ id, now }: TokenUsagePanelProps) {
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
        usage.data?.mayNarrow
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
