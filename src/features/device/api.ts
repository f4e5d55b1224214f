import { mutationOptions, queryOptions } from '@tanstack/react-query';
import {
  approveDeviceResponseSchema,
  deviceRequestSchema,
  type ApproveDeviceRequest,
} from '../../contract/device';
import { paths } from '../../contract/paths';
import { api } from '../../lib/api-client';

/** A device login waiting for a decision: looked up by the code the person typed or followed. */
export const deviceQueries = {
  all: () => ['device'] as const,
  /**
   * A POST, so the code stays out of request logs; it is already in the page's URL, so it may key
   * the cache. Not retried: every wrong code counts against the person's attempts. Gone with the page.
   */
  request: (userCode: string) =>
    queryOptions({
      queryKey: [...deviceQueries.all(), 'request', userCode],
      queryFn: ({ signal }) => api.post(paths.deviceLookup, { body: { userCode }, schema: deviceRequestSchema, signal }),
      retry: false,
      gcTime: 0,
      staleTime: Infinity,
      refetchOnWindowFocus: false,
    }),
};

export const deviceMutations = {
  /**
   * Mints the machine's token (its secret goes to the machine only). The token lists it changes
   * belong to another feature: the page that composes both adds them to `meta.invalidates`.
   */
  approve: () =>
    mutationOptions({
      mutationKey: [...deviceQueries.all(), 'approve'],
      mutationFn: ({ id, ...body }: ApproveDeviceRequest & { id: string }) =>
        api.post(paths.deviceApprove(id), { body, schema: approveDeviceResponseSchema }),
    }),
  deny: () =>
    mutationOptions({
      mutationKey: [...deviceQueries.all(), 'deny'],
      mutationFn: ({ id, userCode }: { id: string; userCode: string }) => api.post(paths.deviceDeny(id), { body: { userCode } }),
    }),
};
