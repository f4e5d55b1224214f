import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { paths } from '../../contract/paths';
import { ssoInfoSchema } from '../../contract/sso';
import { meResponseSchema, signInResponseSchema, type SignInRequest } from '../../contract/users';
import { api } from '../../lib/api-client';

export const authQueries = {
  all: () => ['auth'] as const,
  me: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'me'],
      queryFn: ({ signal }) => api.get(paths.me, { schema: meResponseSchema, signal }),
    }),
  /** Whether the sign-in page offers single sign-on: server configuration, so it does not change while the page is open. */
  sso: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'sso'],
      queryFn: ({ signal }) => api.get(paths.sso, { schema: ssoInfoSchema, signal }),
      staleTime: Infinity,
    }),
};

export const authMutations = {
  signIn: () =>
    mutationOptions({
      mutationKey: [...authQueries.all(), 'sign-in'],
      mutationFn: (credentials: SignInRequest) =>
        api.post(paths.session, { body: credentials, schema: signInResponseSchema }),
      // A new session: nothing cached for whoever was here before may be shown.
      onSuccess: (_data, _variables, _result, { client }) => client.removeQueries(),
    }),
  signOut: () =>
    mutationOptions({
      mutationKey: [...authQueries.all(), 'sign-out'],
      mutationFn: () => api.delete(paths.session),
      onSuccess: (_data, _variables, _result, { client }) => client.removeQueries(),
    }),
};
