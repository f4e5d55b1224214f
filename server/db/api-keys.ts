import { randomUUID } from 'node:crypto';
import { nameKey, planRotation } from '../../src/contract/api-key-rules';
import type { GracePeriod } from '../../src/contract/lifecycle';
import type { Policy } from '../../src/contract/policy';
import { apiKeyPageSize, type ApiKey, type ApiKeyList, type ApiKeyListQuery, type ApiKeySort, type ApiKeyStatus, type RevocationReason } from '../../src/contract/tokens';
import type { UserKind } from '../../src/contract/users';
import { insertApiKeyEvent } from './api-key-events';
import { isUniqueViolation, type Database, type Queryable } from './database';
import { isCursorId, isTextKey, isTimestampKey } from './keyset-cursor';

export type ApiKeyRow = {
  id: string;
  owner_id: string;
  owner_username: string;
  owner_kind: UserKind;
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
  revoked_by: string | null;
  revoked_by_username: string | null;
  revoked_reason: RevocationReason | null;
  rotated_at: Date | null;
  previous_valid_until: Date | null;
  previous_uses: number | null;
};

/** The columns `toApiKey` reads, over `apiKeyTables`; shared with the admin review so both show the same token. */
export const apiKeyColumns = `k.id, k.owner_id, u.username AS owner_username, u.kind AS owner_kind, k.name, k.description, k.environment, k.scopes,
         k.hint, k.created_at, k.expires_at, k.last_used_at, k.last_used_ip, k.last_used_user_agent, k.revoked_at,
         k.revoked_by, rb.username AS revoked_by_username,
         CASE WHEN k.revoked_at IS NULL THEN NULL ELSE
           (SELECT e.reason FROM api_key_events e WHERE e.api_key_id = k.id AND e.type = 'revoked' LIMIT 1) END AS revoked_reason,
         p.rotated_at, p.valid_until AS previous_valid_until, p.uses AS previous_uses`;

export const apiKeyTables = `api_keys k JOIN users u ON u.id = k.owner_id
  LEFT JOIN users rb ON rb.id = k.revoked_by
  LEFT JOIN api_key_previous_secrets p ON p.api_key_id = k.id`;

const selectApiKey = `SELECT ${apiKeyColumns} FROM ${apiKeyTables}`;

/** Status is derived at read time, so expiry needs no background job. */
export function statusOf(row: { revoked_at: Date | null; expires_at: Date }, now: Date): ApiKeyStatus {
  if (row.revoked_at) return 'revoked';
  return row.expires_at.getTime() <= now.getTime() ? 'expired' : 'active';
}

export function toApiKey(row: ApiKeyRow, now: Date): ApiKey {
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
    revokedBy: row.revoked_by && row.revoked_by_username ? { id: row.revoked_by, username: row.revoked_by_username } : null,
    revokedReason: row.revoked_reason,
    owner: { id: row.owner_id, username: row.owner_username, kind: row.owner_kind },
    rotation:
      row.rotated_at && row.previous_valid_until
        ? {
            rotatedAt: row.rotated_at.toISOString(),
            previousSecretValidUntil: row.previous_valid_until.toISOString(),
            previousSecretActive: statusOf(row, now) === 'active' && row.previous_valid_until.getTime() > now.getTime(),
            previousSecretUses: row.previous_uses ?? 0,
          }
        : null,
  };
}

// Sort expressions chosen by a validated enum: user input never reaches the SQL text. Each matches an
// index of migration 6 exactly, `(owner_id, <expression>, id)`, so a page is one short index range.
// Never used counts as the oldest use: last on "most recent first", first on "stalest first".
const sortExpressions: Record<ApiKeySort, { sql: string; type: 'timestamptz' | 'text' }> = {
  createdAt: { sql: 'k.created_at', type: 'timestamptz' },
  lastUsedAt: { sql: `COALESCE(k.last_used_at, '-infinity'::timestamptz)`, type: 'timestamptz' },
  name: { sql: 'lower(k.name)', type: 'text' },
  expiresAt: { sql: 'k.expires_at', type: 'timestamptz' },
};

export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Where a page ends: the sort it belongs to, the last row's sort key as Postgres prints it, and its id. */
export type OwnListCursor = { sort: string; key: string; id: string };

export const encodeOwnListCursor = (cursor: OwnListCursor) =>
  Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');


/**
 * The cursor for `query`'s sort and order, or null for anything else — garbage, a tampered key, or a
 * cursor from another sort (its key would compare against the wrong column). The route answers 400.
 */
export function decodeOwnListCursor(text: string, query: Pick<ApiKeyListQuery, 'sort' | 'order'>): OwnListCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [sort, key, id] = value as unknown[];
    if (typeof sort !== 'string' || typeof key !== 'string' || typeof id !== 'string') return null;
    const sortField = query.sort ?? 'createdAt';
    if (sort !== `${sortField}:${listOrder(query)}` || !isCursorId(id)) return null;
    // Anything Postgres would refuse never reaches SQL: what it printed for a timestamptz (or -infinity), or text.
    if (sortExpressions[sortField].type === 'timestamptz' ? !isTimestampKey(key) : !isTextKey(key)) return null;
    return { sort, key, id };
  } catch {
    return null;
  }
}

const listOrder = (query: Pick<ApiKeyListQuery, 'order'>) => (query.order === 'asc' ? 'asc' : 'desc');

/** At most this many of the soonest-expiring tokens ride along with every page, for the banner. */
const expiringShown = 5;
const expiringWithin = "interval '7 days'";

/**
 * One page of the owner's tokens in (sort key, id) order, after `cursor`. With it: how many match the
 * filters, and the active tokens expiring within 7 days (count and the soonest few) — whatever the
 * filters, since the banner speaks of every token. Each is an owner-scoped range of an index of migration 6.
 */
export async function listApiKeys(
  db: Database,
  ownerId: string,
  query: ApiKeyListQuery,
  cursor: OwnListCursor | null,
  now: Date,
): Promise<ApiKeyList> {
  const limit = query.limit ?? apiKeyPageSize.default;
  const sortField = query.sort ?? 'createdAt';
  const sort = sortExpressions[sortField];
  const direction = listOrder(query) === 'asc' ? 'ASC' : 'DESC';

  const params: unknown[] = [ownerId];
  const param = (value: unknown) => `$${params.push(value)}`;
  // Added on first use only: Postgres cannot type a parameter that no clause mentions.
  let nowSql: string | undefined;
  const nowParam = () => (nowSql ??= `${param(now)}::timestamptz`);
  const filters = ['k.owner_id = $1'];
  const status = query.status ?? 'all';
  if (status === 'active') filters.push(`k.revoked_at IS NULL AND k.expires_at > ${nowParam()}`);
  if (status === 'expired') filters.push(`k.revoked_at IS NULL AND k.expires_at <= ${nowParam()}`);
  if (status === 'revoked') filters.push('k.revoked_at IS NOT NULL');
  if (query.environment) filters.push(`k.environment = ${param(query.environment)}::text`);
  if (query.q) filters.push(`k.name ILIKE '%' || ${param(escapeLike(query.q))}::text || '%' ESCAPE '\\'`);
  const matching = filters.join(' AND ');
  const countParams = [...params];

  // Keyset: strictly after the previous page's last row in (sort key, id) order.
  const after = cursor
    ? ` AND (${sort.sql}, k.id) ${direction === 'ASC' ? '>' : '<'} (${param(cursor.key)}::${sort.type}, ${param(cursor.id)}::text)`
    : '';
  const pageSql = `SELECT ${apiKeyColumns}, (${sort.sql})::text AS sort_key
     FROM ${apiKeyTables}
     WHERE ${matching}${after}
     ORDER BY ${sort.sql} ${direction}, k.id ${direction}
     LIMIT ${param(limit + 1)}`;

  const expiringOf = (alias: string) =>
    `${alias}.owner_id = $1 AND ${alias}.revoked_at IS NULL
       AND ${alias}.expires_at > $2::timestamptz AND ${alias}.expires_at <= $2::timestamptz + ${expiringWithin}`;
  // The count is a sub-select run once (an index-only range of the live-token index), not
  // `count(*) OVER ()`, whose window over full rows cost PGlite ~20 ms for 200 rows.
  const expiringSql = `SELECT ${apiKeyColumns},
         (SELECT count(*)::int FROM api_keys e WHERE ${expiringOf('e')}) AS expiring_count
       FROM ${apiKeyTables}
       WHERE ${expiringOf('k')}
       ORDER BY k.expires_at, k.id
       LIMIT ${expiringShown}`;
  const [rows, expiring] = await Promise.all([
    // PGlite runs no autovacuum: a table that grew since its last ANALYZE (say, 10,000 tokens imported at
    // once) has no statistics, and the planner, expecting one row, joins and sorts all of the owner's
    // tokens (≈300 ms at 10,000) instead of reading 51 off the index. Every sort has an index in exactly
    // its order, so this statement forbids explicit sorts and bitmap scans: its plan never depends on statistics.
    db.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off');
      return tx.query<ApiKeyRow & { sort_key: string }>(pageSql, params);
    }),
    db.query<ApiKeyRow & { expiring_count: number }>(expiringSql, [ownerId, now]),
  ]);
  // A first page that holds every match is its own count (most people's whole list): no scan needed.
  const total =
    !cursor && rows.length <= limit
      ? rows.length
      : ((await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM api_keys k WHERE ${matching}`, countParams))[0]?.total ?? 0);
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    data: shown.map((row) => toApiKey(row, now)),
    nextCursor:
      rows.length > limit && last ? encodeOwnListCursor({ sort: `${sortField}:${listOrder(query)}`, key: last.sort_key, id: last.id }) : null,
    total,
    expiringSoon: { count: expiring[0]?.expiring_count ?? 0, data: expiring.map((row) => toApiKey(row, now)) },
  };
}

/**
 * Whose tokens a caller may act on: their own, those of the service accounts they manage and, with
 * `allServiceAccounts` (admins), those of every service account. Null: anyone's (the route decides).
 */
export type TokenAccess = { userId: string; allServiceAccounts: boolean } | null;

/** The SQL condition for `access` over `k` (api_keys), its two parameters appended to `params`. */
export function accessCondition(access: TokenAccess, params: unknown[]): string {
  const user = `$${params.push(access?.userId ?? null)}::text`;
  const all = `$${params.push(access?.allServiceAccounts ?? false)}::boolean`;
  return `(${user} IS NULL OR k.owner_id = ${user} OR EXISTS (
    SELECT 1 FROM service_accounts s WHERE s.user_id = k.owner_id AND (${all} OR EXISTS (
      SELECT 1 FROM service_account_managers m WHERE m.service_account_id = s.user_id AND m.user_id = ${user}))))`;
}

/** Access-scoped in SQL: a token the caller may not act on is indistinguishable from a missing one. */
export async function findApiKey(db: Queryable, id: string, access: TokenAccess, now: Date): Promise<ApiKey | null> {
  const params: unknown[] = [id];
  const [row] = await db.query<ApiKeyRow>(`${selectApiKey} WHERE k.id = $1 AND ${accessCondition(access, params)}`, params);
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
  /** Made other than on the dashboard: recorded on its created event. */
  createdVia?: { via: 'device_login'; ip: string | null };
  /** Who made it, when not its owner (a service account's manager or an admin). */
  actorId?: string;
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
    return await db.transaction((tx) => insertApiKeyWithin(tx, input, now, maxActiveTokens));
  } catch (error) {
    if (isUniqueViolation(error, 'api_keys_owner_active_name')) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

/**
 * `insertApiKey` inside a caller's transaction (a device approval claims its request in the same one).
 * A name already taken throws the unique violation, which aborts that transaction: see `isNameTaken`.
 */
export async function insertApiKeyWithin(
  tx: Queryable,
  input: NewApiKey,
  now: Date,
  maxActiveTokens: number | null,
): Promise<InsertApiKeyResult> {
  // Serialises one owner's creates, so the active-token limit cannot be raced past.
  await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [input.ownerId]);
  // An expired token gives its name back before the unique constraint is checked.
  const activeName = nameKey(input.name);
  await tx.query(
    `UPDATE api_keys SET active_name = NULL
     WHERE owner_id = $1 AND active_name = $2 AND expires_at <= $3`,
    [input.ownerId, activeName, now],
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
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [id, input.ownerId, input.name, activeName, input.description, input.environment, input.scopes, input.digest,
      input.hint, now, input.expiresAt],
  );
  await insertApiKeyEvent(tx, { apiKeyId: id, type: 'created', actorId: input.actorId ?? input.ownerId, at: now, ...input.createdVia });
  const [row] = await tx.query<ApiKeyRow>(`${selectApiKey} WHERE k.id = $1`, [id]);
  if (!row) throw new Error('Inserted API key not found');
  return { ok: true, apiKey: toApiKey(row, now) } as const;
}

/** The unique violation `insertApiKeyWithin` throws for an active name the owner already has. */
export const isNameTaken = (error: unknown) => isUniqueViolation(error, 'api_keys_owner_active_name');

/**
 * Idempotent: true when the caller may act on this key (revoked now or before), false when not
 * found. The first revoke is recorded with the acting user.
 */
export async function revokeApiKey(
  db: Database,
  id: string,
  access: TokenAccess,
  revokedBy: string,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const params: unknown[] = [id, revokedBy, now];
    const rows = await tx.query<{ id: string; newly_revoked: boolean }>(
      `WITH target AS (
         SELECT k.id, k.revoked_at IS NULL AS newly_revoked FROM api_keys k
         WHERE k.id = $1 AND ${accessCondition(access, params)} FOR UPDATE
       )
       UPDATE api_keys k
       SET revoked_by = CASE WHEN k.revoked_at IS NULL THEN $2 ELSE k.revoked_by END,
           revoked_at = COALESCE(k.revoked_at, $3),
           active_name = NULL
       FROM target WHERE k.id = target.id
       RETURNING k.id, target.newly_revoked`,
      params,
    );
    const [row] = rows;
    if (row?.newly_revoked) await insertApiKeyEvent(tx, { apiKeyId: id, type: 'revoked', actorId: revokedBy, at: now });
    return rows.length > 0;
  });
}

export type RotateApiKeyResult =
  | { ok: true; apiKey: ApiKey }
  | { ok: false; reason: 'not_found' | 'revoked' | 'name_taken' | 'too_many_active' };

/**
 * A new secret for the same token: same id, name, scopes and environment; the expiry moves to now
 * plus the token's lifetime (capped by the policy). The replaced secret's digest is kept with the
 * time it stops working: now, or after the grace period — but never beyond now for a token that
 * had already expired (renewing must not bring a dead secret back).
 */
export async function rotateApiKey(
  db: Database,
  input: {
    id: string;
    ownerId: string;
    /** Who rotates: the owner, or a manager or admin of the owning service account. */
    actorId: string;
    digest: Buffer;
    hint: string;
    gracePeriod: GracePeriod;
    policy: Pick<Policy, 'maxLifetimeDays' | 'maxActiveTokensPerUser'>;
    now: Date;
  },
): Promise<RotateApiKeyResult> {
  const { now } = input;
  try {
    return await db.transaction(async (tx) => {
      // The owner first, as a create locks it: renewing adds an active token, so the limit is checked
      // under the same lock, and both take their locks in one order.
      await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [input.ownerId]);
      const [key] = await tx.query<{
        name: string;
        digest: Buffer;
        created_at: Date;
        expires_at: Date;
        revoked_at: Date | null;
        rotated_at: Date | null;
      }>(
        `SELECT k.name, k.digest, k.created_at, k.expires_at, k.revoked_at, p.rotated_at
         FROM api_keys k LEFT JOIN api_key_previous_secrets p ON p.api_key_id = k.id
         WHERE k.id = $1 AND k.owner_id = $2
         FOR UPDATE OF k`,
        [input.id, input.ownerId],
      );
      if (!key) return { ok: false, reason: 'not_found' } as const;
      if (key.revoked_at) return { ok: false, reason: 'revoked' } as const;
      const maxActive = input.policy.maxActiveTokensPerUser;
      if (key.expires_at.getTime() <= now.getTime() && maxActive !== null) {
        const [row] = await tx.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM api_keys
           WHERE owner_id = $1 AND revoked_at IS NULL AND expires_at > $2`,
          [input.ownerId, now],
        );
        if ((row?.count ?? 0) >= maxActive) return { ok: false, reason: 'too_many_active' } as const;
      }
      const { expiresAt, previousValidUntil, gracePeriod } = planRotation(
        { createdAt: key.created_at, rotatedAt: key.rotated_at, expiresAt: key.expires_at },
        input.gracePeriod,
        input.policy,
        now,
      );

      // A renewed token takes its name back; stale expired holders of the name let go of it first.
      const activeName = nameKey(key.name);
      await tx.query(
        `UPDATE api_keys SET active_name = NULL
         WHERE owner_id = $1 AND id <> $2 AND active_name = $3 AND expires_at <= $4`,
        [input.ownerId, input.id, activeName, now],
      );
      await tx.query(
        `UPDATE api_keys SET digest = $2, hint = $3, expires_at = $4, active_name = $5 WHERE id = $1`,
        [input.id, input.digest, input.hint, expiresAt, activeName],
      );
      // One previous secret per token: a second rotate replaces the first one's (its grace ends now).
      await tx.query(
        `INSERT INTO api_key_previous_secrets (api_key_id, digest, rotated_at, valid_until, uses)
         VALUES ($1, $2, $3, $4, 0)
         ON CONFLICT (api_key_id) DO UPDATE
           SET digest = EXCLUDED.digest, rotated_at = EXCLUDED.rotated_at, valid_until = EXCLUDED.valid_until, uses = 0`,
        [input.id, key.digest, now, previousValidUntil],
      );
      await insertApiKeyEvent(tx, {
        apiKeyId: input.id,
        type: 'rotated',
        actorId: input.actorId,
        at: now,
        gracePeriod,
      });
      const [row] = await tx.query<ApiKeyRow>(`${selectApiKey} WHERE k.id = $1`, [input.id]);
      if (!row) throw new Error('Rotated API key not found');
      return { ok: true, apiKey: toApiKey(row, now) } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'api_keys_owner_active_name')) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

/**
 * Ends a rotation's grace period now. Idempotent: true when the owner has this key (whether or not a
 * previous secret was still working), false when not found.
 */
export async function cutOffPreviousSecret(db: Database, id: string, ownerId: string, now: Date, actorId = ownerId): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [key] = await tx.query<{ id: string }>('SELECT id FROM api_keys WHERE id = $1 AND owner_id = $2 FOR UPDATE', [
      id,
      ownerId,
    ]);
    if (!key) return false;
    const cut = await tx.query<{ api_key_id: string }>(
      `UPDATE api_key_previous_secrets SET valid_until = $2
       WHERE api_key_id = $1 AND valid_until > $2 RETURNING api_key_id`,
      [id, now],
    );
    if (cut.length > 0) await insertApiKeyEvent(tx, { apiKeyId: id, type: 'grace_ended', actorId, at: now });
    return true;
  });
}
