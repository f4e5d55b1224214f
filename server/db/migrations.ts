import type { Database } from './database';

/** Numbered, append-only. Never edit a migration that has shipped: add the next one. */
export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'users, sessions and api keys',
    sql: `
      CREATE TABLE users (
        id text PRIMARY KEY,
        username text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'member')),
        created_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX users_username_lower ON users (lower(username));

      CREATE TABLE sessions (
        id_hash bytea PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user_id ON sessions (user_id);

      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        owner_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL,
        -- lower(name) while the token is active, NULL once revoked or released after expiry:
        -- the unique constraint below then enforces "one active token per name and owner".
        active_name text,
        description text,
        environment text NOT NULL,
        scopes text[] NOT NULL,
        digest bytea NOT NULL UNIQUE,
        hint text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        last_used_ip text,
        last_used_user_agent text,
        revoked_at timestamptz,
        revoked_by text REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT api_keys_owner_active_name UNIQUE (owner_id, active_name)
      );
      CREATE INDEX api_keys_owner_created ON api_keys (owner_id, created_at);
    `,
  },
];

/** Applies the missing migrations in one transaction; the advisory lock serialises concurrent starts. */
export async function migrate(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7210431)');
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version),
    );
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
  });
}
