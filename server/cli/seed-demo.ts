import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { nameKey } from '../../src/contract/api-key-rules';
import { defaultPolicy } from '../../src/contract/policy';
import { displayHint } from '../../src/contract/token-format';
import { openConfiguredDatabase } from '../db/open-database';
import { findUserByUsername, insertUser } from '../db/users';
import { loadHmacSecret, readSettings } from '../settings';
import { digestSecret, generateSecret } from '../tokens/secrets';
import { generatePassword, hashPassword } from '../users/password';
import { runCli } from './run-cli';

const usage = 'Usage: npm run seed:demo -- [--tokens 400] [--password <password for the demo users>]';
const people = ['ada', 'grace', 'linus', 'margaret', 'ken', 'barbara'];
const purposes = ['Laptop CLI', 'CI deploy', 'Editor extension', 'Nightly sync', 'Terraform', 'Grafana', 'Backup job', 'SDK script'];
const scopeSets = [
  ['read:projects'],
  ['read:projects', 'write:projects'],
  ['read:workflows', 'write:workflows'],
  ['read:deployments', 'write:deployments'],
  ['read:security'],
  ['read:projects', 'read:workflows', 'read:deployments'],
];
const dayMs = 86_400_000;

/** Deterministic enough to be a demo, random enough to look real. */
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/**
 * Adds six demo people and a few hundred tokens with a realistic spread: some made today, some two
 * years ago; most used lately, many never, some abandoned months ago; some expired, a few revoked.
 * Opens the database like `user:add`, so it refuses while the server holds the data directory.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { tokens: { type: 'string', default: '400' }, password: { type: 'string' } } });
  const total = Number(values.tokens);
  if (!Number.isInteger(total) || total < 0 || total > 1_000_000) {
    console.error(`--tokens must be a whole number up to 1000000.\n${usage}`);
    return 2;
  }
  const settings = readSettings();
  const hmacSecret = loadHmacSecret(settings);
  const password = values.password ?? generatePassword();
  const db = await openConfiguredDatabase(settings);
  try {
    const now = Date.now();
    const passwordHash = await hashPassword(password);
    const owners: string[] = [];
    let created = 0;
    for (const username of people) {
      const existing = await findUserByUsername(db, username);
      const user = existing?.user ?? (await insertUser(db, { username, passwordHash, role: 'member', now: new Date(now - 800 * dayMs) }));
      if (!existing) created += 1;
      if (user) owners.push(user.id);
    }

    const batch = 500;
    for (let start = 0; start < total; start += batch) {
      const rows = Array.from({ length: Math.min(batch, total - start) }, (_, i) => {
        const environment = pick(defaultPolicy.environments);
        const createdAt = now - Math.floor(Math.random() ** 1.6 * 730 * dayMs);
        const lifetime = pick([30, 90, 180, 365]) * dayMs;
        const roll = Math.random();
        // 25% never used, 20% abandoned (last use long ago), the rest used within the last few days.
        const lastUsedAt =
          roll < 0.25 ? null : roll < 0.45 ? createdAt + Math.random() * Math.min(60 * dayMs, now - createdAt) : now - Math.random() * 5 * dayMs;
        const secret = generateSecret(settings.tokenPrefix, environment.tag);
        const name = `${pick(purposes)} ${start + i + 1}`;
        return {
          id: randomUUID(),
          owner: pick(owners),
          name,
          nameKey: nameKey(name),
          environment: environment.id,
          scopes: `{${pick(scopeSets).join(',')}}`,
          digest: `\\x${digestSecret(secret, hmacSecret).toString('hex')}`,
          hint: displayHint(secret),
          createdAt: new Date(createdAt).toISOString(),
          expiresAt: new Date(createdAt + lifetime).toISOString(),
          lastUsedAt: lastUsedAt === null ? null : new Date(Math.max(createdAt, lastUsedAt)).toISOString(),
          revokedAt: Math.random() < 0.05 ? new Date(createdAt + Math.random() * (now - createdAt)).toISOString() : null,
        };
      });
      const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
      // One statement per batch: 10,000 tokens in seconds. The secrets are thrown away — nobody can use these.
      await db.query(
        `INSERT INTO api_keys (id, owner_id, name, active_name, environment, scopes, digest, hint, created_at, expires_at, last_used_at, revoked_at)
         SELECT id, owner_id, name, CASE WHEN revoked_at IS NULL AND expires_at > now() THEN name_key END, environment,
                scopes::text[], decode(substr(digest, 3), 'hex'), hint, created_at, expires_at, last_used_at, revoked_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::text[])
              AS t(id, owner_id, name, environment, scopes, digest, hint, created_at, expires_at, last_used_at, revoked_at, name_key)`,
        [column('id'), column('owner'), column('name'), column('environment'), column('scopes'), column('digest'), column('hint'),
          column('createdAt'), column('expiresAt'), column('lastUsedAt'), column('revokedAt'), column('nameKey')],
      );
    }
    console.info(`Added ${total} demo tokens across ${people.join(', ')}.`);
    if (created > 0) console.info(`Created ${created} demo members; password${values.password ? ' as given' : ` (shown only once): ${password}`}.`);
    return 0;
  } finally {
    await db.close();
  }
}

runCli(main);
