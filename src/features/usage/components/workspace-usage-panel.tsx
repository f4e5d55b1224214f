import { useQuery } from '@tanstack/react-query';
import { workspaceUsageQuery } from '../workspace-usage-api';
import { WorkspaceUsageView } from './workspace-usage-view';

/** The admin review's "Usage" section: fetches the workspace's last 30 days. */
export function WorkspaceUsagePanel({ tokenHref }: { tokenHref: (id: string) => string }) {
  const usage = useQuery(workspaceUsageQuery());
  return (
    <WorkspaceUsageView
      usage={usage.data}
      isPending={usage.isPending}
      error={usage.error}
      onRetry={() => void usage.refetch()}
      isRetrying={usage.isFetching}
      tokenHref={tokenHref}
    />
  );
}
