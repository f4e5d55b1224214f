import { randomUUID } from 'node:crypto';
import type { ServiceAccount, ServiceAccountPermission, ServiceAccountStatus } from '../../src/contract/service-accounts';
import type { User } from '../../src/contract/users';
import { isUniqueViolation, type Database, type Queryable } from './database';
import { recordMemberEvent, revokeTokensOfDeactivated } from './members';

// Service accounts: a user row (kind 'service_account', no password) with its own description,
// permissions and managers. Tokens keep pointing at the user row, so every token flow works unchanged.

type ServiceAccountRow = {
  id: string;
  name: string;
  description: string | null;
  permissions: ServiceAccountPermission[];
  created_at: Date;
  created_by: string | null;
  created_by_username: string | null;
  managers: { id: string; username: string; active: boolean }[] | string;
  live_tokens: number;
  status: ServiceAccountStatus;
  deactivated_at: Date | null;
  deactivated_by: string | null;
  deactivated_by_username: string | null;
};

const toServiceAccount = (row: ServiceAccountRow): ServiceAccount => ({
  id: row.id,
  name: row.name,
  description: row.description,
  // Alphabetical in SQL; some drivers hand json back as text.
  managers: typeof row.managers === 'string' ? (JSON.parse(row.managers) as ServiceAccount['managers']) : row.managers,
  permissions: row.permissions,
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by && row.created_by_username ? { id: row.created_by, username: row.created_by_username } : null,
  liveTokens: row.live_tokens,
  status: row.status,
  deactivated:
    row.status === 'deactivated' && row.deactivated_at
      ? { at: row.deactivated_at.toISOString(), by: row.deactivated_by && row.deactivated_by_username ? { id: row.deactivated_by, username: row.deactivated_by_username } : null }
      : null,
});

const selectServiceAccounts = (nowParam: string) => `
  SELECT u.id, u.username AS name, s.description, s.permissions, s.created_at, s.created_by, cb.username AS created_by_username,
    COALESCE((SELECT json_agg(json_build_object('id', m.id, 'username', m.username, 'active', m.status <> 'deactivated')
                              ORDER BY lower(m.username), m.id)
              FROM service_account_managers sm JOIN users m ON m.id = sm.user_id
              WHERE sm.service_account_id = u.id), '[]'::json) AS managers,
    (SELECT count(*)::int FROM api_keys k WHERE k.owner_id = u.id AND k.revoked_at IS NULL AND k.expires_at > ${nowParam}) AS live_tokens,
    u.status, d.at AS deactivated_at, d.actor_id AS deactivated_by, da.username AS deactivated_by_username
  FROM service_accounts s JOIN users u ON u.id = s.user_id LEFT JOIN users cb ON cb.id = s.created_by
  -- The latest deactivation, read only while it is deactivated.
  LEFT JOIN LATERAL (
    SELECT e.at, e.actor_id FROM member_events e WHERE e.user_id = u.id AND e.type = 'deactivated' AND u.status = 'deactivated'
    ORDER BY e.at DESC, e.seq DESC LIMIT 1
  ) d ON true
  LEFT JOIN users da ON da.id = d.actor_id`;

/** Alphabetical, of one status. `managerId`: only the ones that person manages (what a non-admin sees). */
export async function listServiceAccounts(
  db: Queryable,
  managerId: string | null,
  now: Date,
  status: ServiceAccountStatus = 'active',
): Promise<ServiceAccount[]> {
  const rows = await db.query<ServiceAccountRow>(
    `${selectServiceAccounts('$1')}
     WHERE u.status = $3 AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM service_account_managers x WHERE x.service_account_id = u.id AND x.user_id = $2))
     ORDER BY lower(u.username), u.id`,
    [now, managerId, status],
  );
  return rows.map(toServiceAccount);
}

/** `managerId`: null unless that person manages it. */
export async function findServiceAccount(db: Queryable, id: string, managerId: string | null, now: Date): Promise<ServiceAccount | null> {
  const [row] = await db.query<ServiceAccountRow>(
    `${selectServiceAccounts('$1')}
     WHERE u.id = $2 AND ($3::text IS NULL OR EXISTS (
       SELECT 1 FROM service_account_managers x WHERE x.service_account_id = u.id AND x.user_id = $3))`,
    [now, id, managerId],
  );
  return row ? toServiceAccount(row) : null;
}

/** Whether every id is a person who is not deactivated: only they may manage a service account. */
async function arePeople(db: Queryable, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const [row] = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM users WHERE id = ANY($1::text[]) AND kind = 'person' AND status <> 'deactivated'`,
    [[...new Set(ids)]],
  );
  return (row?.count ?? 0) === new Set(ids).size;
}

async function setManagers(db: Queryable, id: string, managerIds: readonly string[]) {
  await db.query('DELETE FROM service_account_managers WHERE service_account_id = $1', [id]);
  await db.query(
    `INSERT INTO service_account_managers (service_account_id, user_id) SELECT $1, m FROM unnest($2::text[]) AS m ON CONFLICT DO NOTHING`,
    [id, [...new Set(managerIds)]],
  );
}

export type ServiceAccountWriteResult = { ok: true; id: string } | { ok: false; reason: 'name_taken' | 'not_a_person' | 'not_found' };

export async function insertServiceAccount(
  db: Database,
  input: { name: string; description: string | null; managerIds: readonly string[]; permissions: readonly ServiceAccountPermission[]; createdBy: string; now: Date },
): Promise<ServiceAccountWriteResult> {
  try {
    return await db.transaction(async (tx) => {
      if (!(await arePeople(tx, input.managerIds))) return { ok: false, reason: 'not_a_person' } as const;
      const id = randomUUID();
      // No password and never an admin: it cannot sign in, and it is not counted by the last-admin rule.
      await tx.query(
        `INSERT INTO users (id, username, password_hash, role, status, kind, created_at)
         VALUES ($1, $2, NULL, 'member', 'active', 'service_account', $3)`,
        [id, input.name, input.now],
      );
      await tx.query(
        `INSERT INTO service_accounts (user_id, description, permissions, created_by, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [id, input.description, [...new Set(input.permissions)], input.createdBy, input.now],
      );
      await setManagers(tx, id, input.managerIds);
      return { ok: true, id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_username_lower')) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

export async function updateServiceAccount(
  db: Database,
  id: string,
  change: { name?: string; description?: string | null; managerIds?: readonly string[]; permissions?: readonly ServiceAccountPermission[] },
): Promise<ServiceAccountWriteResult> {
  try {
    return await db.transaction(async (tx) => {
      const [found] = await tx.query<{ user_id: string }>('SELECT user_id FROM service_accounts WHERE user_id = $1 FOR UPDATE', [id]);
      if (!found) return { ok: false, reason: 'not_found' } as const;
      if (change.managerIds && !(await arePeople(tx, change.managerIds))) return { ok: false, reason: 'not_a_person' } as const;
      if (change.name !== undefined) await tx.query('UPDATE users SET username = $2 WHERE id = $1', [id, change.name]);
      if (change.description !== undefined) await tx.query('UPDATE service_accounts SET description = $2 WHERE user_id = $1', [id, change.description]);
      if (change.permissions !== undefined) {
        await tx.query('UPDATE service_accounts SET permissions = $2 WHERE user_id = $1', [id, [...new Set(change.permissions)]]);
      }
      if (change.managerIds !== undefined) await setManagers(tx, id, change.managerIds);
      return { ok: true, id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_username_lower')) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

/**
 * Deactivates or reactivates a service account in one transaction, recorded with who did it.
 * Deactivating revokes every live token at once (each recorded as revoked by `actorId` because its
 * owner was deactivated); reactivating gives back the account, not its tokens. The same status again
 * changes nothing.
 */
export async function setServiceAccountStatus(
  db: Database,
  id: string,
  status: ServiceAccountStatus,
  actorId: string,
  now: Date,
): Promise<{ ok: true; revokedTokens: number } | { ok: false; reason: 'not_found' }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.query<{ status: ServiceAccountStatus }>(
      "SELECT status FROM users WHERE id = $1 AND kind = 'service_account' FOR UPDATE",
      [id],
    );
    if (!current) return { ok: false, reason: 'not_found' } as const;
    if (current.status === status) return { ok: true, revokedTokens: 0 } as const;
    // The status first: the revocations read it to name their cause.
    await tx.query('UPDATE users SET status = $2 WHERE id = $1', [id, status]);
    const revokedTokens = status === 'deactivated' ? await revokeTokensOfDeactivated(tx, id, actorId, now) : 0;
    await recordMemberEvent(tx, { userId: id, type: status === 'deactivated' ? 'deactivated' : 'reactivated', actorId, at: now });
    return { ok: true, revokedTokens } as const;
  });
}

/** Whether `ownerId` is a deactivated service account: it gets no new tokens until it is reactivated. */
export async function isDeactivatedServiceAccount(db: Queryable, ownerId: string): Promise<boolean> {
  const [row] = await db.query<{ ok: boolean }>(
    "SELECT true AS ok FROM users WHERE id = $1 AND kind = 'service_account' AND status = 'deactivated'",
    [ownerId],
  );
  return row?.ok === true;
}

/**
 * Whether `caller` may list and create tokens owned by `ownerId`: their own, or a service account's
 * they manage (admins: any service account's). Never another person's.
 */
export async function mayManageTokensOf(db: Queryable, caller: Pick<User, 'id' | 'role'>, ownerId: string): Promise<boolean> {
  if (ownerId === caller.id) return true;
  const [row] = await db.query<{ ok: boolean }>(
    `SELECT true AS ok FROM service_accounts s
     WHERE s.user_id = $1 AND ($3::boolean OR EXISTS (
       SELECT 1 FROM service_account_managers m WHERE m.service_account_id = s.user_id AND m.user_id = $2))`,
    [ownerId, caller.id, caller.role === 'admin'],
  );
  return row?.ok === true;
}
