import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { matchedRoutes, routePath } from 'hono/route';
import type { AppEnv, Caller } from '../context';
import type { Logger } from '../runtime';
import { withDefaultHeaders } from './response-headers';

/** What one request log line holds: nothing a client sent verbatim besides the method. */
export type RequestLogLine = {
  msg: 'request';
  requestId: string;
  method: string;
  /** The route pattern (`/api/api-keys/:id`): a raw path could carry ids or, by mistake, a pasted secret. */
  route: string;
  status: number;
  durationMs: number;
  userId: string | null;
};

/**
 * One JSON line per request through the injected logger. Headers (Authorization, Cookie),
 * query strings and bodies are never written: they are where secrets travel.
 */
export const requestLog = (logger: Logger) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const requestId = randomUUID();
    const started = performance.now();
    try {
      await withDefaultHeaders(c, [['X-Request-Id', requestId]], next);
    } finally {
      const line: RequestLogLine = {
        msg: 'request',
        requestId,
        method: c.req.method,
        route: answeringRoute(c),
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        // Unset when the request never authenticated.
        userId: (c.get('caller') as Caller | undefined)?.user.id ?? null,
      };
      logger.info(JSON.stringify(line));
    }
  });

/**
 * The method-specific route the request matched (`/api/api-keys/:id`), even when a middleware
 * answered first (e.g. a 401); otherwise the pattern that did answer (`/api/*` for unknown paths).
 */
export function answeringRoute(c: Context): string {
  const handler = matchedRoutes(c).find((route) => route.method !== 'ALL');
  return handler?.path ?? (routePath(c) || '*');
}
