import { MutationCache, QueryCache, QueryClient, type DefaultOptions, type QueryKey } from '@tanstack/react-query';
import { isApiError } from './api-client';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** Query keys (prefixes) to invalidate once the mutation succeeds. */
      invalidates?: readonly QueryKey[];
    };
  }
}

const maxRetries = 2;

/** Only failures that may go away by themselves are retried: no connection, or a 5xx. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= maxRetries || !isApiError(error)) return false;
  return error.type === 'network_error' || error.status >= 500;
}

function isUnauthenticated(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

type QueryClientOptions = {
  /** Called whenever any query or mutation answers 401; the app sends the user to sign in. */
  onUnauthenticated?: () => void;
  /** Merged over the defaults, e.g. `{ queries: { retry: false } }` in tests. */
  defaultOptions?: DefaultOptions;
};

export function createQueryClient({ onUnauthenticated, defaultOptions }: QueryClientOptions = {}): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthenticated(error)) onUnauthenticated?.();
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isUnauthenticated(error)) onUnauthenticated?.();
      },
      onSuccess: async (_data, _variables, _context, mutation) => {
        const keys = mutation.meta?.invalidates ?? [];
        await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      },
    }),
    defaultOptions: {
      ...defaultOptions,
      queries: { staleTime: 30_000, retry: shouldRetry, ...defaultOptions?.queries },
      // Mutations create and revoke things: never repeat one behind the user's back.
      mutations: { retry: false, ...defaultOptions?.mutations },
    },
  });
  return queryClient;
}
