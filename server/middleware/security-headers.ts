import { ServerResponse } from 'node:http';
import type { Context, Next } from 'hono';
import { createMiddleware } from 'hono/factory';

/**
 * The built SPA needs nothing inline (Vite emits one external module script and one stylesheet),
 * so the policy can forbid inline script outright. React sets `style` through the CSSOM, which
 * `style-src 'self'` allows.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Every response's security headers over http (HSTS is added over https). */
export const baseHeaders: ReadonlyArray<readonly [string, string]> = [
  ['Content-Security-Policy', contentSecurityPolicy],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
];

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

/** Headers every response carries, API errors and static files alike. */
export const securityHeaders = ({ https }: { https: boolean }) => {
  // Only over https: a browser ignores HSTS on http, and pinning a dev machine to https would hurt.
  const headers = https ? [...baseHeaders, ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as const] : baseHeaders;
  return createMiddleware((c, next) => withDefaultHeaders(c, headers, next));
};

const noStore = [['Cache-Control', 'no-store']] as const;

/** Every API answer is private to its caller: shared caches must not keep any of it, unless a handler says otherwise. */
export const noStoreByDefault = () => createMiddleware((c, next) => withDefaultHeaders(c, noStore, next));
