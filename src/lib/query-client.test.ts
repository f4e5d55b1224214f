import { describe, expect, it, vi } from 'vitest';
import { http } from 'msw';
import { z } from 'zod/mini';
import { errorResponse } from '../testing/mocks/error-response';
import { server } from '../testing/server';
import { api, ApiError } from './api-client';
import { createQueryClient, retryDelay, shouldRetry } from './query-client';

describe('shouldRetry', () => {
  const error = (status: number, type: ApiError['type'] = 'api_error') => new ApiError({ status, type, message: '' });

  it('retries network failures and 5xx at most twice', () => {
    expect(shouldRetry(0, error(0, 'network_error'))).toBe(true);
    expect(shouldRetry(1, error(503))).toBe(true);
    expect(shouldRetry(2, error(503))).toBe(false);
  });

  it('never retries a 4xx or an unexpected error', () => {
    expect(shouldRetry(0, error(401, 'authentication_error'))).toBe(false);
    expect(shouldRetry(0, error(429, 'rate_limit_error'))).toBe(false);
    expect(shouldRetry(0, new TypeError('bug'))).toBe(false);
  });

  it('retries a rate limit with a short Retry-After, up to three times', () => {
    const limited = (retryAfter: number) =>
      new ApiError({ status: 429, type: 'rate_limit_error', message: '', retryAfter });
    expect(shouldRetry(0, limited(5))).toBe(true);
    expect(shouldRetry(2, limited(5))).toBe(true);
    expect(shouldRetry(3, limited(5))).toBe(false);
    expect(shouldRetry(0, limited(600))).toBe(false);
  });
});

describe('retryDelay', () => {
  it('waits as long as Retry-After asks', () => {
    expect(retryDelay(1, new ApiError({ status: 429, type: 'rate_limit_error', message: '', retryAfter: 7 }))).toBe(7000);
  });

  it('backs off exponentially otherwise', () => {
    const error = new ApiError({ status: 503, type: 'api_error', message: '' });
    expect([1, 2, 3, 10].map((n) => retryDelay(n, error))).toEqual([1000, 2000, 4000, 30_000]);
  });
});

// Module scope: a constant, not a dependency the query key would have to name.
const schema = z.object({ ok: z.boolean() });

describe('createQueryClient', () => {
  it('calls the unauthenticated handler for a 401 from a query', async () => {
    server.use(http.get('/api/secret', () => errorResponse(401, 'authentication_error', 'Sign in.')));
    const onUnauthenticated = vi.fn();
    const client = createQueryClient({ onUnauthenticated });
    await client
      .fetchQuery({ queryKey: ['secret'], queryFn: () => api.get('/api/secret', { schema }) })
      .catch(() => undefined);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('invalidates the query keys a mutation names in meta.invalidates', async () => {
    const client = createQueryClient();
    client.setQueryData(['tokens', 'list', {}], { ok: true });
    client.setQueryData(['policy'], { ok: true });
    await client
      .getMutationCache()
      .build(client, { mutationFn: async () => 'done', meta: { invalidates: [['tokens']] } })
      .execute(undefined);
    expect(client.getQueryState(['tokens', 'list', {}])?.isInvalidated).toBe(true);
    expect(client.getQueryState(['policy'])?.isInvalidated).toBe(false);
  });
});
