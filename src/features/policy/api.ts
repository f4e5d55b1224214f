import { queryOptions } from '@tanstack/react-query';
import { paths } from '../../contract/paths';
import { policySchema } from '../../contract/policy';
import { api } from '../../lib/api-client';

export const policyQueries = {
  all: () => ['policy'] as const,
  get: () =>
    queryOptions({
      queryKey: [...policyQueries.all()],
      queryFn: ({ signal }) => api.get(paths.policy, { schema: policySchema, signal }),
      // The policy changes rarely and only by an admin.
      staleTime: 5 * 60_000,
    }),
};
