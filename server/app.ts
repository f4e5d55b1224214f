import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorTypeForStatus } from '../src/contract/errors';
import { isValidTokenPrefix } from '../src/contract/token-format';
import type { AppDeps, AppEnv } from './context';
import type { Clock, Logger } from './runtime';
import { createCredentialCache, databaseCredentialLookup } from './credential-cache';
import { observeWrites, type Database } from './db/database';
import { csrfProtection } from './csrf';
import { ApiError, notFound } from './errors';
import { createDatabasePolicyStore, type PolicyStore } from './policy-store';
import { createRateLimiter, defaultRateLimits, type RateLimits } from './rate-limit';
import { requestLog } from './request-log';
import { adminApiKeyRoutes } from './routes/admin-api-keys';
import { apiKeyRoutes } from './routes/api-keys';
import { authRoutes } from './routes/auth';
import { policyRoutes } from './routes/policy';
import { sessionRoutes } from './routes/session';
import { tokenCheckRoutes } from './routes/token-checks';
import { securityHeaders, setResponseHeader } from './security-headers';

export type AppConfig = {
  /** HMAC key for token digests: changing it invalidates every token. */
  hmacSecret: Buffer;
  tokenPrefix?: string;
  /** Behind https: `__Host-` cookie with Secure. */
  secureCookies?: boolean;
  /** The built SPA (`dist/`), served with history fallback. */
  staticDir?: string;
  logger?: Logger;
  /** Per-limit overrides of `defaultRateLimits` (tests lower them). */
  rateLimits?: Partial<RateLimits>;
  /**
   * This process is the database's only user (PGlite under its data-dir lock): token credentials
   * and the bearer-failure counts are then answered from memory, kept right by hearing every write
   * made through `db` (pass an `observeWrites` database if you also write to it outside the app).
   * Never with a database other processes share: several instances on one Postgres server keep no state.
   */
  exclusiveDatabase?: boolean;
};

/** The largest request body the API reads: every JSON body it accepts is a few hundred bytes. */
export const maxBodyBytes = 16 * 1024;

export function createApp({
  db,
  clock,
  config,
  policies,
}: {
  db: Database;
  clock: Clock;
  config: AppConfig;
  /** Where the token policy comes from; by default the database (the built-in one until an admin saves a change). */
  policies?: PolicyStore;
}) {
  const tokenPrefix = config.tokenPrefix ?? 'kl';
  if (!isValidTokenPrefix(tokenPrefix)) throw new Error(`Invalid token prefix "${tokenPrefix}": use 1–16 lowercase letters or digits.`);
  const logger = config.logger ?? console;
  const exclusive = config.exclusiveDatabase ?? false;
  if (exclusive) db = observeWrites(db);
  const deps: AppDeps = {
    db,
    clock,
    logger,
    hmacSecret: config.hmacSecret,
    tokenPrefix,
    secureCookies: config.secureCookies ?? false,
    policies: policies ?? createDatabasePolicyStore(db, tokenPrefix, logger),
    rateLimiter: createRateLimiter(db, clock, { ...defaultRateLimits, ...config.rateLimits }, { exclusive }),
    credentials: exclusive ? createCredentialCache(db) : databaseCredentialLookup(db),
  };

  const app = new Hono<AppEnv>();

  app.use('*', requestLog(logger));
  app.use('*', securityHeaders({ https: deps.secureCookies }));

  app.use('/api/*', async (c, next) => {
    await next();
    // Every API answer is private to its caller; shared caches must not keep any of it.
    if (!c.res.headers.has('Cache-Control')) setResponseHeader(c, 'Cache-Control', 'no-store');
  });
  // Before anything reads a body; counts streamed (chunked) bodies as well as declared lengths.
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'invalid_request_error', `The request body is larger than ${maxBodyBytes / 1024} KB.`);
    },
  });
  // GET and HEAD carry no body (a fetch Request cannot hold one), and merely asking for it makes
  // @hono/node-server build a full Request with an AbortSignal: the limit has nothing to do there.
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.use('/api/*', csrfProtection());

  app.route('/api/session', sessionRoutes(deps));
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/api-keys', apiKeyRoutes(deps));
  app.route('/api/token-checks', tokenCheckRoutes(deps));
  app.route('/api/policy', policyRoutes(deps));
  app.route('/api/admin/api-keys', adminApiKeyRoutes(deps));
  app.all('/api/*', () => {
    throw notFound();
  });
  app.all('/api', () => {
    throw notFound();
  });

  if (config.staticDir) {
    const indexHtml = serveStatic({ path: join(config.staticDir, 'index.html') });
    app.use('*', async (c, next) => {
      await next();
      if (!c.res.ok || c.req.path.startsWith('/api/')) return;
      // Vite fingerprints everything under assets/; the HTML shell must be revalidated on every load.
      const immutable = c.req.path.startsWith('/assets/') && !c.res.headers.get('Content-Type')?.startsWith('text/html');
      setResponseHeader(c, 'Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    });
    app.get('*', serveStatic({ root: config.staticDir }), (c, next) =>
      // History fallback: client-side routes such as /account/integrations get the SPA shell,
      // but a missing asset stays a 404 rather than HTML a browser would cache as script.
      c.req.path.startsWith('/assets/') ? next() : indexHtml(c, next),
    );
  }

  app.notFound((c) => c.json(notFound().toEnvelope(), 404));

  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toEnvelope(), error.status, error.headers);
    if (error instanceof HTTPException && error.status < 500) {
      const status = error.status as ContentfulStatusCode;
      const type = errorTypeForStatus(status);
      return c.json(new ApiError(status, type, error.message || 'Bad request.').toEnvelope(), status);
    }
    // Method and path only: never bodies, headers or cookies, which may hold secrets.
    logger.error(`Unhandled error on ${c.req.method} ${c.req.path}`, error);
    return c.json(new ApiError(500, 'api_error', 'Something went wrong on our side. Try again.').toEnvelope(), 500);
  });

  return app;
}
