// Prepares a data directory for the browser bench: the admin (password from KEYLINE_ADMIN_PASSWORD)
// and `--tokens` tokens owned by the admin, inserted with SQL in one statement. Run before the server
// starts: it takes the data-dir lock like the other CLIs.
import { parseArgs } from 'node:util';
import { ensureAdminUser } from '../server/users/bootstrap';
import { openConfiguredDatabase } from '../server/db/open-database';
import { readSettings } from '../server/settings';

const { values } = parseArgs({ options: { tokens: { type: 'string', default: '10000' } } });
const settings = readSettings();
const db = await openConfiguredDatabase(settings);
try {
  await ensureAdminUser(db, { adminPassword: settings.adminPassword, now: new Date() });
  await db.query(
    `INSERT INTO api_keys (id, owner_id, name, active_name, environment, scopes, digest, hint, created_at, expires_at, last_used_at)
     SELECT 'bench-' || i, (SELECT id FROM users WHERE username = 'admin'),
            'Bench token ' || i, lower('Bench token ' || i),
            (ARRAY['development', 'staging', 'production'])[1 + i % 3],
            ARRAY['read:projects', 'read:workflows'],
            decode(md5(i::text) || md5('k' || i::text), 'hex'),
            'kl_dev_…' || lpad((i % 10000)::text, 4, '0'),
            now() - (i % 700) * interval '1 hour',
            now() + (1 + i % 365) * interval '1 day',
            CASE WHEN i % 4 = 0 THEN NULL ELSE now() - (i % 2000) * interval '1 minute' END
     FROM generate_series(1, $1::int) AS i`,
    [Number(values.tokens)],
  );
} finally {
  await db.close();
}
