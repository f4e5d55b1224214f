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

/** Headers every response carries, API errors and static files alike. */
export const securityHeaders = ({ https }: { https: boolean }) =>
  createMiddleware(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', contentSecurityPolicy);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    // Only over https: a browser ignores HSTS on http, and pinning a dev machine to https would hurt.
    if (https) c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  });
