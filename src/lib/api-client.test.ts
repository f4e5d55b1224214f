import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { errorResponse } from '../testing/mocks/error-response';
import { server } from '../testing/server';
import { api, ApiError } from './api-client';

const thingSchema = z.object({ id: z.string() });

describe('api', () => {
  it('sends JSON with the CSRF header and parses the answer with the schema', async () => {
    server.use(
      http.post('/api/things', async ({ request }) => {
        const ok =
          request.headers.get('X-Requested-With') === 'keyline' &&
          request.headers.get('Accept') === 'application/json' &&
          request.headers.get('Content-Type') === 'application/json';
        const body = (await request.json()) as { name: string };
        return ok ? HttpResponse.json({ id: `made-${body.name}` }) : errorResponse(403, 'permission_error', 'No CSRF header.');
      }),
    );
    await expect(api.post('/api/things', { body: { name: 'x' }, schema: thingSchema })).resolves.toEqual({ id: 'made-x' });
  });

  it('puts defined query values in the query string', async () => {
    server.use(
      http.get('/api/things', ({ request }) => HttpResponse.json({ id: new URL(request.url).search })),
    );
    const result = await api.get('/api/things', { query: { status: 'all', q: undefined, sort: 'name' }, schema: thingSchema });
    expect(result.id).toBe('?status=all&sort=name');
  });

  it('resolves to undefined for a 204', async () => {
    server.use(http.delete('/api/things/1', () => new HttpResponse(null, { status: 204 })));
    await expect(api.delete('/api/things/1')).resolves.toBeUndefined();
  });

  it('turns the error envelope into an ApiError with its fields', async () => {
    server.use(
      http.post('/api/things', () =>
        errorResponse(422, 'invalid_request_error', 'Check the fields.', { name: 'Enter a name.' }),
      ),
    );
    const error = await api.post('/api/things', { body: {}, schema: thingSchema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, type: 'invalid_request_error', message: 'Check the fields.', fields: { name: 'Enter a name.' } });
  });

  it('reads Retry-After in seconds', async () => {
    server.use(
      http.get('/api/things', () =>
        HttpResponse.json(
          { error: { type: 'rate_limit_error', message: 'Slow down.' } },
          { status: 429, headers: { 'Retry-After': '17' } },
        ),
      ),
    );
    await expect(api.get('/api/things', { schema: thingSchema })).rejects.toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      retryAfter: 17,
    });
  });

  it('gives a readable error when the error body is not the envelope', async () => {
    server.use(http.get('/api/things', () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 })));
    await expect(api.get('/api/things', { schema: thingSchema })).rejects.toMatchObject({
      status: 502,
      type: 'api_error',
      message: expect.stringMatching(/something went wrong/i),
    });
  });

  it('rejects a success body that does not match the schema as invalid_response', async () => {
    server.use(http.get('/api/things', () => HttpResponse.json({ id: 42 })));
    await expect(api.get('/api/things', { schema: thingSchema })).rejects.toMatchObject({
      status: 200,
      type: 'invalid_response',
    });
  });

  it('reports a network failure as status 0 with a human message', async () => {
    server.use(http.get('/api/things', () => HttpResponse.error()));
    await expect(api.get('/api/things', { schema: thingSchema })).rejects.toMatchObject({
      status: 0,
      type: 'network_error',
      message: expect.stringMatching(/couldn’t reach keyline/i),
    });
  });

  it('lets an abort through as an abort, not as a network error', async () => {
    server.use(http.get('/api/things', () => new Promise<never>(() => {})));
    const controller = new AbortController();
    const pending = api.get('/api/things', { schema: thingSchema, signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});
