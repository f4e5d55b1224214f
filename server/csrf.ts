import { createMiddleware } from 'hono/factory';
import { csrfHeader } from '../src/contract/headers';
import { ApiError } from './errors';

const stateChangingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery defence for `/api/*`, on top of the SameSite=Lax cookie:
 * - `Sec-Fetch-Site: cross-site` never changes state (older browsers omit the header; the checks below still hold);
 * - a session call must carry the custom header, which forces a CORS preflight that this API never grants;
 * - a body must be JSON, so an HTML form (urlencoded, multipart, text/plain) cannot pass for an API call.
 * A bearer call is exempt from the custom header only: a browser never attaches that credential on its own.
 * GET and HEAD handlers change nothing (token-use bookkeeping on a bearer call aside), so they are not checked.
 */
export const csrfProtection = () =>
  createMiddleware(async (c, next) => {
    if (!stateChangingMethods.has(c.req.method)) return next();
    if (c.req.header('Sec-Fetch-Site') === 'cross-site') {
      throw new ApiError(403, 'permission_error', 'Cross-site requests cannot change anything here.');
    }
    const bearer = /^Bearer\s/i.test(c.req.header('Authorization') ?? '');
    if (!bearer && c.req.header(csrfHeader.name) !== csrfHeader.value) {
      throw new ApiError(403, 'permission_error', `Send the ${csrfHeader.name}: ${csrfHeader.value} header, or a token as Authorization: Bearer <token>.`);
    }
    if (!(await hasJsonOrNoBody(c.req.raw, c.req.header('Content-Type'), () => c.req.arrayBuffer()))) {
      throw new ApiError(415, 'invalid_request_error', 'Send the request body as JSON with Content-Type: application/json.');
    }
    await next();
  });

async function hasJsonOrNoBody(raw: Request, contentType: string | undefined, readBody: () => Promise<ArrayBuffer>) {
  if (contentType !== undefined) return contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
  if (!raw.body) return true;
  // No Content-Type: only an empty body is acceptable. The body limit runs first, so this read is bounded,
  // and Hono caches it for the validator that reads it again.
  return (await readBody()).byteLength === 0;
}
