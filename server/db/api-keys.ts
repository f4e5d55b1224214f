import { randomUUID } from 'node:crypto';
import type { ApiKey, ApiKeyListQuery, ApiKeyStatus } from '../../src/contract/tokens';
import type { Role, User } from '../../src/contract/users';
import { isUniqueViolation, type Database, type Queryable } from './database';

type ApiKeyRow = {
  id: string;
  owner_id: string;
  owner_username: string;
  name: string;
  description: string | null;
  environment: string;
  scopes: string[];
  hint: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  last_used_ip: string | null;
  last_used_user_agent: string | null;
  revoked_at: Date | null;
};

const selectApiKey = `
  SELECT k.id, k.owner_id, u.username AS owner_username, k.name, k.description, k.environment, k.scopes,
         k.hint, k.created_at, k.expires_at, k.last_used_at, k.last_used_ip, k.last_used_user_agent, k.revoked_at
  FROM api_keys k JOIN users u ON u.id = k.owner_id`;

/** Status is derived at read time, so expiry needs no background job. */
function statusOf(row: { revoked_at: Date | null; expires_at: Date }, now: Date): ApiKeyStatus {
  if (row.revoked_at) return 'revoked';
  return row.expires_at.getTime() <= now.getTime() ? 'expired' : 'active';
}

function toApiKey(row: ApiKeyRow, now: Date): ApiKey {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    environment: row.environment,
    scopes: row.scopes,
    hint: row.hint,
    status: statusOf(row, now),
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    lastUsedIp: row.last_used_ip,
    lastUsedUserAgent: row.last_used_user_agent,
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    owner: { id: row.owner_id, username: row.owner_username },
  };
}

// Sort columns chosen by a validated enum: user input never reaches the SQL text.
const sortColumns: Record<NonNullable<ApiKeyListQuery['sort']>, string> = {
  createdAt: 'k.created_at',
  lastUsedAt: 'k.last_used_at',
  name: 'lower(k.name)',
  expiresAt: 'k.expires_at',
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export async function listApiKeys(db: Queryable, ownerId: string, query: ApiKeyListQuery, now: Date): Promise<ApiKey[]> {
  const order = query.order === 'asc' ? 'ASC' : 'DESC';
  // Never used counts as the oldest use: last on "most recent first", first on "stalest first".
  const nulls = order === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST';
  const rows = await db.query<ApiKeyRow>(
    `${selectApiKey}
     WHERE k.owner_id = $1
       AND ($2 = 'all' OR $2 = CASE WHEN k.revoked_at IS NOT NULL THEN 'revoked'
                                     WHEN k.expires_at <= $3::timestamptz THEN 'expired'
                                     ELSE 'active' END)
       AND ($4::text IS NULL OR k.environment = $4)
       AND ($5::text IS NULL OR k.name ILIKE '%' || $5 || '%' ESCAPE '\\')
     ORDER BY ${sortColumns[query.sort ?? 'createdAt']} ${order} ${nulls}, k.created_at DESC, k.id`,
    [ownerId, query.status ?? 'all', now, query.environment ?? null, query.q ? escapeLike(query.q) : null],
  );
  return rows.map((row) => toApiKey(row, now));
}

/** Owner-scoped in SQL: another user's key is indistinguishable from a missing one. */
export async function findApiKey(db: Queryable, id: string, ownerId: string, now: Date): Promise<ApiKey | null> {
  const [row] = await db.query<ApiKeyRow>(`${selectApiKey} WHERE k.id = $1 AND k.owner_id = $2`, [id, ownerId]);
  return row ? toApiKey(row, now) : null;
}

export type NewApiKey = {
  ownerId: string;
  name: string;
  description: string | null;
  environment: string;
  scopes: string[];
  digest: Buffer;
  hint: string;
  expiresAt: Date;
};

export type InsertApiKeyResult =
  | { ok: true; apiKey: ApiKey }
  | { ok: false; reason: 'name_taken' | 'too_many_active' };

export async function insertApiKey(
  db: Database,
  input: NewApiKey,
  now: Date,
  maxActiveTokens: number | null,
): Promise<InsertApiKeyResult> {
  try {
    return await db.transaction(async (tx) => {
      // Serialises one owner's creates, so the active-token limit cannot be raced past.
      await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [input.ownerId]);
      // An expired token gives its name back before the unique constraint is checked.
      await tx.query(
        `UPDATE api_keys SET active_name = NULL
         WHERE owner_id = $1 AND active_name = lower($2) AND expires_at <= $3`,
        [input.ownerId, input.name, now],
      );
      if (maxActiveTokens !== null) {
        const [row] = await tx.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM api_keys
           WHERE owner_id = $1 AND revoked_at IS NULL AND expires_at > $2`,
          [input.ownerId, now],
        );
        if ((row?.count ?? 0) >= maxActiveTokens) return { ok: false, reason: 'too_many_active' } as const;
      }
      const id = randomUUID();
      await tx.query(
        `INSERT INTO api_keys (id, owner_id, name, active_name, description, environment, scopes, digest, hint,
                               created_at, expires_at)
         VALUES ($1, $2, $3, lower($3), $4, $5, $6, $7, $8, $9, $10)`,
        [id, input.ownerId, input.name, input.description, input.environment, input.scopes, input.digest,
          input.hint, now, input.expiresAt],
      );
      const [row] = await tx.query<ApiKeyRow>(`${selectApiKey} WHERE k.id = $1`, [id]);
      if (!row) throw new Error('Inserted API key not found');
      return { ok: true, apiKey: toApiKey(row, now) } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'api_keys_owner_active_name')) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

/** Idempotent: true when the owner has this key (revoked now or before), false when not found. */
export async function revokeApiKey(db: Queryable, id: string, ownerId: string, revokedBy: string, now: Date): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `UPDATE api_keys
     SET revoked_by = CASE WHEN revoked_at IS NULL THEN $3 ELSE revoked_by END,
         revoked_at = COALESCE(revoked_at, $4),
         active_name = NULL
     WHERE id = $1 AND owner_id = $2
     RETURNING id`,
    [id, ownerId, revokedBy, now],
  );
  return rows.length > 0;
}

export type TokenCredential = {
  apiKeyId: string;
  digest: Uint8Array;
  scopes: string[];
  status: ApiKeyStatus;
  user: User;
};

export async function findTokenCredential(db: Queryable, digest: Buffer, now: Date): Promise<TokenCredential | null> {
  const [row] = await db.query<{
    id: string;
    digest: Uint8Array;
    scopes: string[];
    expires_at: Date;
    revoked_at: Date | null;
    user_id: string;
    username: string;
    role: Role;
  }>(
    `SELECT k.id, k.digest, k.scopes, k.expires_at, k.revoked_at, u.id AS user_id, u.username, u.role
     FROM api_keys k JOIN users u ON u.id = k.owner_id WHERE k.digest = $1`,
    [digest],
  );
  if (!row) return null;
  return {
    apiKeyId: row.id,
    digest: row.digest,
    scopes: row.scopes,
    status: statusOf(row, now),
    user: { id: row.user_id, username: row.username, role: row.role },
  };
}

/** At most one write per token per minute, whatever the request rate. */
export async function recordTokenUse(
  db: Queryable,
  id: string,
  use: { now: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.query(
    `UPDATE api_keys SET last_used_at = $2, last_used_ip = $3, last_used_user_agent = $4
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - interval '60 seconds')`,
    [id, use.now, use.ip, use.userAgent],
  );
}
