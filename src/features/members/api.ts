import { infiniteQueryOptions, keepPreviousData, mutationOptions, queryOptions } from '@tanstack/react-query';
import {
  inviteInfoSchema,
  inviteResponseSchema,
  memberDetailSchema,
  memberListSchema,
  offboardingPreviewSchema,
  type AddMemberRequest,
  type MemberListQuery,
  type UpdateMemberRequest,
} from '../../contract/members';
import { paths } from '../../contract/paths';
import { signInResponseSchema } from '../../contract/users';
import { api } from '../../lib/api-client';

/** The list's filters; pages are the query's business. */
export type MemberFilters = Omit<MemberListQuery, 'limit' | 'cursor'>;

/** Every people query under one root: the list, one person with their history, the offboarding preview. */
export const memberQueries = {
  all: () => ['members'] as const,
  lists: () => [...memberQueries.all(), 'list'] as const,
  list: (filters: MemberFilters) =>
    infiniteQueryOptions({
      queryKey: [...memberQueries.lists(), filters],
      queryFn: ({ pageParam, signal }) => api.get(paths.users, { query: { ...filters, cursor: pageParam }, schema: memberListSchema, signal }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...memberQueries.all(), 'detail', id],
      queryFn: ({ signal }) => api.get(paths.user(id), { schema: memberDetailSchema, signal }),
    }),
  /** What deactivating would stop, read fresh each time the dialog opens: tokens are used every minute. */
  offboarding: (id: string) =>
    queryOptions({
      queryKey: [...memberQueries.detail(id).queryKey, 'offboarding'],
      queryFn: ({ signal }) => api.get(paths.userOffboarding(id), { schema: offboardingPreviewSchema, signal }),
      staleTime: 0,
    }),
  /**
   * What an invite link is for. The code is a credential: it is not part of the key (one invite page
   * at a time), and the answer leaves the cache with the page.
   */
  invite: (code: string) =>
    // eslint-disable-next-line @tanstack/query/exhaustive-deps -- the code is a credential: never a cache key
    queryOptions({
      queryKey: ['invite'],
      queryFn: ({ signal }) => api.get(paths.invite(code), { schema: inviteInfoSchema, signal }),
      retry: false,
      gcTime: 0,
    }),
};

export const memberMutations = {
  /** The reply holds the one-time link: `gcTime: 0`, shown once by the dialog, never copied into a query. */
  add: () =>
    mutationOptions({
      mutationKey: [...memberQueries.all(), 'add'],
      mutationFn: (request: AddMemberRequest) => api.post(paths.users, { body: request, schema: inviteResponseSchema }),
      gcTime: 0,
      meta: { invalidates: [memberQueries.all()] },
    }),
  /** A new invite or password-reset link; the old one stops working. Holds the link like `add`. */
  issueLink: () =>
    mutationOptions({
      mutationKey: [...memberQueries.all(), 'issue-link'],
      mutationFn: (id: string) => api.post(paths.userInvite(id), { schema: inviteResponseSchema }),
      gcTime: 0,
      meta: { invalidates: [memberQueries.all()] },
    }),
  /**
   * Role or status. Deactivating revokes the person's tokens, which show on other pages (the token
   * review): everything cached is refetched, not only people.
   */
  update: () =>
    mutationOptions({
      mutationKey: [...memberQueries.all(), 'update'],
      mutationFn: ({ id, ...change }: UpdateMemberRequest & { id: string }) =>
        api.patch(paths.user(id), { body: change, schema: memberDetailSchema }),
      meta: { invalidates: [[]] },
    }),
  /**
   * Sets the password and signs the person in: whatever was cached belongs to nobody now. The code
   * and password are its variables: `gcTime: 0` so they leave the cache as soon as the page does.
   */
  acceptInvite: () =>
    mutationOptions({
      mutationKey: ['invite', 'accept'],
      mutationFn: ({ code, password }: { code: string; password: string }) =>
        api.post(paths.inviteAccept(code), { body: { password }, schema: signInResponseSchema }),
      gcTime: 0,
      meta: { invalidates: [[]] },
    }),
};
