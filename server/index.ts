import { serve } from '@hono/node-server';
import { createApp } from './app';
import { DataDirLockedError } from './db/data-dir-lock';
import { forgetExpiredUsage, vacuumGrownTables } from './db/maintenance';
import { databaseIsExclusive, openConfiguredDatabase } from './db/open-database';
import { loadGithubScanningKeys } from './leaks/github-keys';
import { createNotifications, type Notifications } from './notifications/notifications';
import { loadHmacSecret, readSettings } from './settings';
import { createUsageRecorder } from './tokens/usage';
import { ensureAdminUser } from './users/bootstrap';

// Wires the environment to createApp; everything else lives in modules that tests can reach.

const maintenanceIntervalMs = 10 * 60 * 1000;

async function main() {
  // Holds the event loop open until the port is. Opening PGlite awaits work on V8's background threads,
  // which the loop does not count as pending: with nothing else open it ended its turn by waiting for
  // every background task to finish, PGlite's WebAssembly being optimized included, before running
  // anything more. The first request then waited 150–250 ms after the server listened (strace: the
  // main thread in futex inside Node's platform drain).
  const untilListening = setInterval(() => {}, 60_000);
  const settings = readSettings();
  const clock = { now: () => new Date() };
  const db = await openConfiguredDatabase(settings);

  const admin = await ensureAdminUser(db, { adminPassword: settings.adminPassword, now: clock.now() });
  if (admin.generatedPassword) {
    console.info(`Created user "admin" with password: ${admin.generatedPassword}`);
    console.info('This password is shown only once. Sign in and keep it somewhere safe.');
  } else if (admin.created) {
    console.info('Created user "admin" with the password from KEYLINE_ADMIN_PASSWORD.');
  }

  const exclusiveDatabase = databaseIsExclusive(settings);
  if (exclusiveDatabase) {
    // PGlite has no autovacuum: catch up before serving (only when tables grew), then check now and then.
    await vacuumGrownTables(db);
    const maintenance = setInterval(() => {
      vacuumGrownTables(db).catch((error: unknown) => console.error('Database maintenance failed', error));
    }, maintenanceIntervalMs);
    maintenance.unref();
  }

  const hmacSecret = loadHmacSecret(settings);
  // Token usage is counted in memory: written at least once a minute (calls also flush it as they come),
  // pruned past its retention with the other maintenance, and written once more at shutdown.
  const usage = createUsageRecorder(db, console);
  const usageChores = setInterval(() => {
    usage.flush().catch((error: unknown) => console.error('Could not record token usage', error));
  }, 60_000);
  usageChores.unref();
  const retention = setInterval(() => {
    forgetExpiredUsage(db, clock.now()).catch((error: unknown) => console.error('Database maintenance failed', error));
  }, maintenanceIntervalMs);
  retention.unref();

  const app = createApp({
    db,
    clock,
    usage,
    config: {
      hmacSecret,
      tokenPrefix: settings.tokenPrefix,
      secureCookies: settings.secureCookies,
      staticDir: settings.staticDir,
      exclusiveDatabase,
      trustedProxies: settings.trustedProxies,
      publicUrl: settings.publicUrl,
      githubScanningKeys: loadGithubScanningKeys(settings.githubScanningKeys),
      webhooksAllowPrivate: settings.webhooksAllowPrivate,
      emailNotices: settings.smtp !== undefined,
      oidc: settings.oidc,
    },
  });

  // Webhooks and the expiry scan: started once the port is known (the links fall back to it).
  let notifications: Notifications | null = null;

  const server = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host }, (info) => {
    clearInterval(untilListening);
    console.info(`Keyline is running at http://localhost:${info.port}`);
    notifications = createNotifications({
      db,
      clock,
      logger: console,
      hmacSecret,
      publicUrl: settings.publicUrl ?? `http://localhost:${info.port}`,
      allowPrivateAddresses: settings.webhooksAllowPrivate,
      smtp: settings.smtp,
    });
    notifications.start();
    if (settings.oidc) console.info(`Single sign-on through ${settings.oidc.issuer} is on.`);
    if (!settings.staticDir) console.info('No built SPA found (run `npm run build`): serving the API only.');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`${signal}: shutting down.`);
    server.close(() => {
      (notifications?.stop() ?? Promise.resolve())
        .then(() => usage.flush())
        .catch((error: unknown) => console.error('Could not record token usage', error))
        .then(() => db.close())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            console.error('Could not close the database cleanly', error);
            process.exit(1);
          },
        );
    });
    // Keep-alive connections can hold close() open; do not hang forever.
    setTimeout(() => {
      void db.close().finally(() => process.exit(0));
    }, 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) console.error(error.message);
  else console.error('Keyline could not start:', error);
  process.exit(1);
});
