import { mutationOptions, queryOptions } from '@tanstack/react-query';
import type { UpdatePolicyRequest } from '../../contract/policy-update';
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

export const policyMutations = {
  update: () =>
    mutationOptions({
      mutationKey: [...policyQueries.all(), 'update'],
      mutationFn: (request: UpdatePolicyRequest) => api.put(paths.policy, { body: request, schema: policySchema }),
      meta: { invalidates: [policyQueries.all()] },
    }),
};
