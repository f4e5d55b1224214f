import type { CredentialOwner, ServiceAccountPermission } from '../../src/contract/service-accounts';
import type { Role, UserKind } from '../../src/contract/users';
import { prepared, type Queryable } from './database';
import { windowCountQuery, type RateWindow, type WindowCount } from './rate-limits';

// What authentication reads and writes about a presented secret: the lookup by digest and the
// token-use bookkeeping. The rules over these rows (status at a time, the cache) are tokens/credentials.ts.

/** At most one last-used write per token per this interval. */
export const lastUseThrottleMs = 60_000;

/**
 * What authentication needs to know about a secret, whatever the time of the call: the credential
 * cache keeps these, and `credentialAt` turns one into a credential at the clock's now.
 */
export type TokenRecord = {
  apiKeyId: string;
  digest: Uint8Array;
  scopes: string[];
  environment: string;
  createdAt: Date;
  user: CredentialOwner;
  matched: 'current' | 'previous';
  expiresAt: Date;
  revokedAt: Date | null;
  /** For a previous secret: when its grace period ends. */
  previousValidUntil: Date | null;
  lastUsedAt: Date | null;
};

type TokenRecordRow = {
  id: string;
  digest: Uint8Array;
  matched: 'current' | 'previous';
  valid_until: Date | null;
  scopes: string[];
  environment: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  user_id: string;
  username: string;
  role: Role;
  kind: UserKind;
  permissions: ServiceAccountPermission[] | null;
};

/**
 * Looks a digest ($1) up among current secrets, then among the secrets replaced by a rotate. Only an active
 * person's: deactivating someone revokes their tokens, and this refuses any that was somehow left live.
 */
const tokenRecordSql = `SELECT k.id, d.digest, d.matched, d.valid_until, k.scopes, k.environment, k.created_at, k.expires_at, k.revoked_at, k.last_used_at,
            u.id AS user_id, u.username, u.role, u.kind, s.permissions
     FROM (SELECT id AS api_key_id, digest, 'current' AS matched, NULL::timestamptz AS valid_until
           FROM api_keys WHERE digest = $1
           UNION ALL
           SELECT api_key_id, digest, 'previous', valid_until FROM api_key_previous_secrets WHERE digest = $1) d
     JOIN api_keys k ON k.id = d.api_key_id
     JOIN users u ON u.id = k.owner_id AND u.status = 'active'
     LEFT JOIN service_accounts s ON s.user_id = u.id
     ORDER BY d.matched
     LIMIT 1`;

function toTokenRecord(row: TokenRecordRow): TokenRecord {
  return {
    apiKeyId: row.id,
    digest: row.digest,
    scopes: row.scopes,
    environment: row.environment,
    createdAt: row.created_at,
    user: { id: row.user_id, username: row.username, role: row.role, kind: row.kind, permissions: row.permissions ?? [] },
    matched: row.matched,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    previousValidUntil: row.valid_until,
    lastUsedAt: row.last_used_at,
  };
}

export async function findTokenRecord(db: Queryable, digest: Buffer): Promise<TokenRecord | null> {
  const [row] = await db.query<TokenRecordRow>(prepared(tokenRecordSql), [digest]);
  return row ? toTokenRecord(row) : null;
}

/**
 * The lookup and a rate-limit window's count in one statement: on a database server each is a round
 * trip, and a bearer call needs both (its caller's failures, then the credential). Always one row.
 */
export async function findTokenRecordWithWindowCount(
  db: Queryable,
  digest: Buffer,
  window: RateWindow,
): Promise<{ record: TokenRecord | null; windowCount: WindowCount }> {
  const count = windowCountQuery(window, 2);
  const [row] = await db.query<Partial<TokenRecordRow> & { window_count: number | null }>(
    prepared(`SELECT (${count.sql}) AS window_count, r.* FROM (SELECT 1) AS one LEFT JOIN LATERAL (${tokenRecordSql}) AS r ON true`),
    [digest, ...count.params],
  );
  return {
    record: row?.id ? toTokenRecord(row as TokenRecordRow) : null,
    windowCount: { count: row?.window_count ?? 0, windowEnd: count.windowEnd },
  };
}

const countPreviousSecretUseSql = 'UPDATE api_key_previous_secrets SET uses = uses + 1 WHERE api_key_id = $1';

/**
 * One write per use of a previous secret during its grace period — not throttled, on purpose:
 * the count is what tells the owner whether it is safe to cut off early, and it only runs for a
 * bounded time (at most seven days) after a rotate.
 */
export async function countPreviousSecretUse(db: Queryable, apiKeyId: string): Promise<void> {
  await db.query(countPreviousSecretUseSql, [apiKeyId]);
}

const recordTokenUseSql = `UPDATE api_keys SET last_used_at = $2, last_used_ip = $3, last_used_user_agent = $4
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - interval '60 seconds')
     RETURNING id`;

/** At most one write per token per minute, whatever the request rate. True when this call wrote. */
export async function recordTokenUse(
  db: Queryable,
  id: string,
  use: { now: Date; ip: string | null; userAgent: string | null },
): Promise<boolean> {
  const rows = await db.query(recordTokenUseSql, [id, use.now, use.ip, use.userAgent]);
  return rows.length > 0;
}

/**
 * The writes a token call makes that change nothing authentication reads but the last use, which
 * the credential cache records itself (exact statement texts): they need not empty the cache.
 */
export const tokenUseStatements: ReadonlySet<string> = new Set([recordTokenUseSql, countPreviousSecretUseSql]);
