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
/** A rate limit says when to come back; we do, a few times, before showing the error. */
const maxRateLimitRetries = 3;
/** Longer than this and the user is better off with the error and a "Try again" button. */
const maxRetryAfterSeconds = 60;

function isRateLimited(error: unknown): error is { retryAfter: number } & Error {
  return isApiError(error) && error.type === 'rate_limit_error' && error.retryAfter !== undefined;
}

/**
 * Only failures that may go away by themselves are retried: no connection, a 5xx, or a 429 whose
 * `Retry-After` is short enough to wait for.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isRateLimited(error)) return failureCount < maxRateLimitRetries && error.retryAfter <= maxRetryAfterSeconds;
  if (failureCount >= maxRetries || !isApiError(error)) return false;
  return error.type === 'network_error' || error.status >= 500;
}

/** Wait as long as `Retry-After` asks; otherwise back off exponentially (1 s, 2 s, 4 s … at most 30 s). */
export function retryDelay(failureCount: number, error: unknown): number {
  if (isRateLimited(error)) return error.retryAfter * 1000;
  return Math.min(1000 * 2 ** Math.max(0, failureCount - 1), 30_000);
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
      queries: { staleTime: 30_000, retry: shouldRetry, retryDelay, ...defaultOptions?.queries },
      // Mutations create and revoke things: never repeat one behind the user's back.
      mutations: { retry: false, ...defaultOptions?.mutations },
    },
  });
  return queryClient;
}
