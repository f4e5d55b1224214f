import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { routes as apiRoutes } from '../src/contract/paths';
import { isValidTokenPrefix } from '../src/contract/token-format';
import type { AppDeps, AppEnv } from './context';
import { observeWrites, type Database } from './db/database';
import { notFound } from './errors';
import { limitRequestBody } from './middleware/body-limit';
import { parseTrustedProxies, resolveClientAddress } from './middleware/client-address';
import { csrfProtection } from './middleware/csrf';
import { answerError, answerNotFound } from './middleware/error-handler';
import { exceptPaths } from './middleware/except-paths';
import { createRateLimiter, defaultRateLimits, type RateLimits } from './middleware/rate-limit';
import { requestLog } from './middleware/request-log';
import type { GithubScanningKeys } from './leaks/github-keys';
import { setResponseHeader } from './middleware/response-headers';
import { noStoreByDefault, securityHeaders } from './middleware/security-headers';
import { createDatabasePolicyStore, type PolicyStore } from './policy/policy-store';
import { accountRoutes } from './routes/account';
import { adminApiKeyRoutes } from './routes/admin-api-keys';
import { adminUsageRoutes } from './routes/admin-usage';
import { apiKeyRoutes } from './routes/api-keys';
import { authRoutes } from './routes/auth';
import { deviceRoutes } from './routes/device';
import { openApiRoutes } from './routes/openapi';
import { policyRoutes } from './routes/policy';
import { revokeLeakedRoutes } from './routes/revoke-leaked';
import { secretScanningRoutes } from './routes/secret-scanning';
import { serviceAccountRoutes } from './routes/service-accounts';
import { sessionRoutes } from './routes/session';
import { ssoRoutes } from './routes/sso';
import { inviteRoutes } from './routes/invites';
import { introspectRoutes } from './routes/introspect';
import { tokenCheckRoutes } from './routes/token-checks';
import { usageRoutes } from './routes/usage';
import { userRoutes } from './routes/users';
import { webhookRoutes } from './routes/webhooks';
import type { Clock, Logger } from './runtime';
import type { OidcConfig } from './sso/relying-party';
import { createCredentialCache, databaseCredentialLookup } from './tokens/credentials';
import { createUsageRecorder, type UsageRecorder } from './tokens/usage';

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
  /**
   * Addresses or CIDR ranges of the load balancers in front: their `X-Forwarded-For` names the
   * client (rate limits, last-used IP, the token timeline). Anyone else's is ignored.
   */
  trustedProxies?: readonly string[];
  /** Origin for links Keyline hands out (invite links); by default the origin the request came to. */
  publicUrl?: string;
  /** GitHub's secret-scanning public keys, by identifier: a report signed by none of them is refused. None: every report is. */
  githubScanningKeys?: GithubScanningKeys;
  /** KEYLINE_WEBHOOKS_ALLOW_PRIVATE: webhook endpoints on private, loopback and link-local addresses are accepted. */
  webhooksAllowPrivate?: boolean;
  /** KEYLINE_SMTP_URL is set: email notices are sent (people are told so on My account → Security). */
  emailNotices?: boolean;
  /** Single sign-on through this OpenID Connect provider; off when absent. */
  oidc?: OidcConfig;
};

export function createApp({
  db,
  clock,
  config,
  policies,
  usage,
}: {
  db: Database;
  clock: Clock;
  config: AppConfig;
  /** Where the token policy comes from; by default the database (the built-in one until an admin saves a change). */
  policies?: PolicyStore;
  /** Where token usage is counted; by default a recorder of its own (the caller flushes it at shutdown when it passes one). */
  usage?: UsageRecorder;
}) {
  const tokenPrefix = config.tokenPrefix ?? 'kl';
  if (!isValidTokenPrefix(tokenPrefix)) throw new Error(`Invalid token prefix "${tokenPrefix}": use 1–16 lowercase letters or digits.`);
  const logger = config.logger ?? console;
  const trustedProxies = parseTrustedProxies(config.trustedProxies ?? []);
  // The one wrapper that hears writes, when this process is the database's only user: the
  // credential cache and the rate-limit counts subscribe to it, and every route writes through it.
  const observed = config.exclusiveDatabase ? observeWrites(db) : null;
  if (observed) db = observed;
  const deps: AppDeps = {
    db,
    clock,
    logger,
    hmacSecret: config.hmacSecret,
    tokenPrefix,
    secureCookies: config.secureCookies ?? false,
    policies: policies ?? createDatabasePolicyStore(db, tokenPrefix, logger),
    rateLimiter: createRateLimiter(db, clock, { ...defaultRateLimits, ...config.rateLimits }, { observed }),
    credentials: observed ? createCredentialCache(observed) : databaseCredentialLookup(db),
    usage: usage ?? createUsageRecorder(db, logger),
    publicUrl: config.publicUrl ?? null,
  };

  const app = new Hono<AppEnv>();

  // First: everything after it that asks who is calling gets the same answer.
  app.use('*', resolveClientAddress(trustedProxies));
  app.use('*', requestLog(logger));
  app.use('*', securityHeaders({ https: deps.secureCookies }));

  app.use('/api/*', noStoreByDefault());
  // Before anything reads a body. A scanner's batch of leaked secrets may be larger: its route sets its own limit.
  app.use('/api/*', exceptPaths([apiRoutes.secretScanningGithub], limitRequestBody()));
  // No cookie is read by these: leak reports carry their proof in the body or a signature, and introspection
  // takes only a bearer token (with RFC 7662's form bodies). Scripts, scanners and gateways call them as they are.
  app.use('/api/*', exceptPaths([apiRoutes.secretScanningGithub, apiRoutes.revokeLeaked, apiRoutes.introspect], csrfProtection()));

  app.route('/api/session', sessionRoutes(deps, config.oidc));
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/api-keys', apiKeyRoutes(deps));
  app.route('/api/token-checks', tokenCheckRoutes(deps));
  app.route('/api/policy', policyRoutes(deps));
  app.route('/api/admin/api-keys', adminApiKeyRoutes(deps));
  app.route('/api/admin/usage', adminUsageRoutes(deps));
  app.route('/api/users', userRoutes(deps));
  app.route('/api/invites', inviteRoutes(deps, config.oidc));
  app.route('/api/device', deviceRoutes(deps));
  app.route('/api/account', accountRoutes(deps, { emailNotices: config.emailNotices ?? false, oidc: config.oidc }));
  app.route('/api/openapi.json', openApiRoutes(deps));
  app.route('/api/secret-scanning', secretScanningRoutes(deps, config.githubScanningKeys ?? new Map()));
  app.route(apiRoutes.revokeLeaked, revokeLeakedRoutes(deps));
  app.route('/api/webhooks', webhookRoutes(deps, { allowPrivateAddresses: config.webhooksAllowPrivate }));
  app.route('/api/sso', ssoRoutes(deps, config.oidc));
  app.route(apiRoutes.introspect, introspectRoutes(deps));
  app.route('/api', usageRoutes(deps));
  app.route('/api/service-accounts', serviceAccountRoutes(deps));
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

  app.notFound(answerNotFound);
  app.onError(answerError(logger));

  return app;
}
