import { createMiddleware } from 'hono/factory';
import { withDefaultHeaders } from './response-headers';

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

/** Headers every response carries, API errors and static files alike. */
export const securityHeaders = ({ https }: { https: boolean }) => {
  // Only over https: a browser ignores HSTS on http, and pinning a dev machine to https would hurt.
  const headers = https ? [...baseHeaders, ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as const] : baseHeaders;
  return createMiddleware((c, next) => withDefaultHeaders(c, headers, next));
};

const noStore = [['Cache-Control', 'no-store']] as const;

/** Every API answer is private to its caller: shared caches must not keep any of it, unless a handler says otherwise. */
export const noStoreByDefault = () => createMiddleware((c, next) => withDefaultHeaders(c, noStore, next));
