// Prepares a data directory for the browser bench: the admin (password from KEYLINE_ADMIN_PASSWORD)
// and `--tokens` tokens owned by the admin, inserted with SQL in one statement. Run before the server
// starts: it takes the data-dir lock like the other CLIs.
import { parseArgs } from 'node:util';
import { ensureAdminUser } from '../server/users/bootstrap';
import { openConfiguredDatabase } from '../server/db/open-database';
import { readSettings } from '../server/settings';
import { benchTokensSql } from './lib';

const { values } = parseArgs({ options: { tokens: { type: 'string', default: '10000' } } });
const settings = readSettings();
const db = await openConfiguredDatabase(settings);
try {
  await ensureAdminUser(db, { adminPassword: settings.adminPassword, now: new Date() });
  await db.query(
    benchTokensSql({
      owner: "(SELECT id FROM users WHERE username = 'admin')",
      name: "'Bench token ' || i",
      scopes: "ARRAY['read:projects', 'read:workflows']",
      createdAgo: "(i % 700) * interval '1 hour'",
      lastUsedAgo: "(i % 2000) * interval '1 minute'",
      revoked: false,
    }),
    [Number(values.tokens)],
  );
} finally {
  await db.close();
}
