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
  const tooLarge = () => {
    throw new ApiError(413, 'invalid_request_error', `The request body is larger than ${maxBodyBytes / 1024} KB.`);
  };
  const streamed = bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge });
  return createMiddleware((c, next) => {
    // GET and HEAD carry no body (a fetch Request cannot hold one), and merely asking for it makes
    // @hono/node-server build a full Request with an AbortSignal: the limit has nothing to do there.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // A declared length is the body's length (Node's parser reads exactly that much), so it is read
    // from the header alone; counting the stream, as for a chunked body, would build that Request too.
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      return Number(declared) > maxBodyBytes ? tooLarge() : next();
    }
    return streamed(c, next);
  });
};
