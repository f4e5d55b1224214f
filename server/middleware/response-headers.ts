import { ServerResponse } from 'node:http';
import type { Context, Next } from 'hono';

// Headers the app's middleware adds to responses (security headers, no-store, the request id), kept
// off the hot path's costly parts.

/**
 * Sets a header on the response a handler has already made. In place where its headers can change
 * (every response this app makes): `c.header()` after the handler would rebuild the Response for each
 * header. Hono's way only for a response whose headers are immutable.
 */
export function setResponseHeader(c: Context, name: string, value: string) {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}

/** The socket's response under @hono/node-server (`npm start`); absent under `app.request()`. */
function nodeResponse(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse && !outgoing.headersSent ? outgoing : undefined;
}

/**
 * Headers a response carries unless its handler set its own. On a socket they are given to Node's
 * response before the handler runs, where `writeHead` merges them under the handler's (the same
 * rule): the handler's response then keeps plain headers, and @hono/node-server writes it without
 * building a `Headers` object — with the request id, most of a small request's cost before this.
 * Elsewhere (tests through `app.request()`), they are added to the finished response.
 */
export async function withDefaultHeaders(c: Context, headers: ReadonlyArray<readonly [string, string]>, next: Next) {
  const outgoing = nodeResponse(c);
  if (outgoing) {
    for (const [name, value] of headers) outgoing.setHeader(name, value);
    return next();
  }
  await next();
  for (const [name, value] of headers) if (!c.res.headers.has(name)) setResponseHeader(c, name, value);
}
