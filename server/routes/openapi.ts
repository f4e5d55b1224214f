import { Hono } from 'hono';
import { etag } from 'hono/etag';
import type { AppDeps, AppEnv } from '../context';
import { sessionCookieName } from '../middleware/auth';
import { buildOpenApiDocument } from '../openapi/document';

/**
 * `GET /api/openapi.json`: the OpenAPI description of this API, for anyone (no session: it holds
 * nothing private). Built on first request, then served as is: it changes only with the code. Caches
 * may keep it for five minutes, then revalidate it by its ETag.
 */
export const openApiRoutes = (deps: AppDeps) => {
  let document: string | undefined;
  return new Hono<AppEnv>().get('/', etag(), (c) => {
    document ??= JSON.stringify(buildOpenApiDocument({ sessionCookieName: sessionCookieName(deps.secureCookies) }));
    return c.body(document, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300' });
  });
};
