import { queryOptions } from '@tanstack/react-query';
import { adminUsageSchema, workspaceUsageDays } from '../../contract/admin';
import { paths } from '../../contract/paths';
import { api } from '../../lib/api-client';
import { usageQueries } from './api';

/**
 * The workspace's usage (admins only): under the usage root key, so narrowing and every other usage
 * invalidation reach it too. Apart from `usageQueries` because only the admin review asks for it.
 */
export const workspaceUsageQuery = (days: number = workspaceUsageDays) =>
  queryOptions({
    queryKey: [...usageQueries.all(), 'workspace', days],
    queryFn: ({ signal }) => api.get(paths.adminUsage, { query: { days }, schema: adminUsageSchema, signal }),
  });
