import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors';

/** The largest request body the API reads: every JSON body it accepts is a few hundred bytes. */
export const maxBodyBytes = 16 * 1024;

/**
 * Refuses a body past `maxBodyBytes` with a 413, before anything reads it; counts streamed (chunked)
 * bodies as well as declared lengths.
 */
export const limitRequestBody = () => {
  const limit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'invalid_request_error', `The request body is larger than ${maxBodyBytes / 1024} KB.`);
    },
  });
  // GET and HEAD carry no body (a fetch Request cannot hold one), and merely asking for it makes
  // @hono/node-server build a full Request with an AbortSignal: the limit has nothing to do there.
  return createMiddleware((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next)));
};
