import { createHash, randomUUID } from 'node:crypto';
import {
  removesLastAdmin,
  type InviteInfo,
  type InvitePurpose,
  type Member,
  type MemberEvent,
  type MemberListQuery,
  type OffboardingToken,
  type UserStatus,
} from '../../src/contract/members';
import type { Role, User } from '../../src/contract/users';
import { isTextKey } from './keyset-cursor';
import { isUniqueViolation, type Database, type Queryable } from './database';

// People as the members page sees them, their invite links and the record of what was done to them.

type MemberRow = {
  id: string;
  username: string;
  role: Role;
  status: UserStatus;
  created_at: Date;
  last_sign_in_at: Date | null;
  live_tokens: number;
  last_token_use_at: Date | null;
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);

const toMember = (row: MemberRow): Member => ({
  id: row.id,
  username: row.username,
  role: row.role,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  lastSignInAt: iso(row.last_sign_in_at),
  liveTokens: row.live_tokens,
  lastTokenUseAt: iso(row.last_token_use_at),
});

// Live tokens per person from the owner's live-expiry index: a short range scan per row shown.
const memberColumns = `
  u.id, u.username, u.role, u.status, u.created_at, u.last_sign_in_at,
  live.count AS live_tokens, live.last_use AS last_token_use_at`;
const liveTokensJoin = (now: string) => `
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS count, max(k.last_used_at) AS last_use FROM api_keys k
    WHERE k.owner_id = u.id AND k.revoked_at IS NULL AND k.expires_at > ${now}
  ) live`;

export async function findMember(db: Queryable, id: string, now: Date): Promise<Member | null> {
  const [row] = await db.query<MemberRow>(`SELECT ${memberColumns} FROM users u ${liveTokensJoin('$1')} WHERE u.id = $2 AND u.kind = 'person'`, [now, id]);
  return row ? toMember(row) : null;
}

type Cursor = { name: string; id: string };

export const encodeMemberCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.name, cursor.id])).toString('base64url');

/** Null when the text is not a cursor this list made. */
export function decodeMemberCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [name, id] = value as unknown[];
    if (typeof name !== 'string' || typeof id !== 'string' || !isTextKey(name) || !isTextKey(id)) return null;
    return { name, id };
  } catch {
    return null;
  }
}

/** Alphabetical by username, in keyset pages. `onlyId` narrows to one person (what a member may see). */
export async function listMembers(
  db: Queryable,
  query: MemberListQuery,
  cursor: Cursor | null,
  now: Date,
  onlyId: string | null,
): Promise<{ members: Member[]; total: number; nextCursor: string | null }> {
  const params: unknown[] = [];
  // People only: service accounts are users too, listed on their own page.
  const conditions: string[] = ["u.kind = 'person'"];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (onlyId !== null) conditions.push(`u.id = ${param(onlyId)}`);
  if (query.q) conditions.push(`strpos(lower(u.username), lower(${param(query.q)})) > 0`);
  if (query.role) conditions.push(`u.role = ${param(query.role)}`);
  if (query.status) conditions.push(`u.status = ${param(query.status)}`);
  const whereOf = (all: string[]) => (all.length > 0 ? `WHERE ${all.join(' AND ')}` : '');
  const [counted] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM users u ${whereOf(conditions)}`, [...params]);

  const limit = query.limit ?? 50;
  const pageConditions = [...conditions];
  if (cursor) pageConditions.push(`(lower(u.username), u.id) > (${param(cursor.name)}, ${param(cursor.id)})`);
  const rows = await db.query<MemberRow & { name_key: string }>(
    `SELECT ${memberColumns}, lower(u.username) AS name_key FROM users u ${liveTokensJoin(param(now))}
     ${whereOf(pageConditions)} ORDER BY lower(u.username), u.id LIMIT ${param(limit + 1)}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    members: page.map(toMember),
    total: counted?.total ?? 0,
    nextCursor: rows.length > limit && last ? encodeMemberCursor({ name: last.name_key, id: last.id }) : null,
  };
}

/** Null when the username is taken (case-insensitively). An invited person has no password yet. */
export async function insertInvitedUser(db: Queryable, input: { username: string; role: Role; now: Date }): Promise<User | null> {
  try {
    const [row] = await db.query<User>(
      `INSERT INTO users (id, username, password_hash, role, status, created_at)
       VALUES ($1, $2, NULL, $3, 'invited', $4) RETURNING id, username, role`,
      [randomUUID(), input.username, input.role, input.now],
    );
    return row ?? null;
  } catch (error) {
    if (isUniqueViolation(error, 'users_username_lower')) return null;
    throw error;
  }
}

export type MemberEventType = MemberEvent['type'];

export async function recordMemberEvent(
  db: Queryable,
  event: { userId: string; type: MemberEventType; actorId: string | null; at: Date; detail?: string | null },
): Promise<void> {
  await db.query('INSERT INTO member_events (id, user_id, type, actor_id, at, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
    randomUUID(),
    event.userId,
    event.type,
    event.actorId,
    event.at,
    event.detail ?? null,
  ]);
}

/** Newest first. */
export async function listMemberEvents(db: Queryable, userId: string): Promise<MemberEvent[]> {
  const rows = await db.query<{ type: MemberEventType; at: Date; actor_id: string | null; actor_username: string | null; detail: string | null }>(
    `SELECT e.type, e.at, e.actor_id, a.username AS actor_username, e.detail
     FROM member_events e LEFT JOIN users a ON a.id = e.actor_id
     WHERE e.user_id = $1 ORDER BY e.at DESC, e.seq DESC LIMIT 100`,
    [userId],
  );
  return rows.map((row) => ({
    type: row.type,
    at: row.at.toISOString(),
    actor: row.actor_id && row.actor_username ? { id: row.actor_id, username: row.actor_username } : null,
    detail: row.detail,
  }));
}

/** Only the SHA-256 of an invite code is stored: a database read hands out no working links. */
export const hashInviteCode = (code: string) => createHash('sha256').update(code, 'utf8').digest();

/** Replaces the person's link, if any: the old one stops working. */
export async function storeInvite(
  db: Queryable,
  invite: { userId: string; code: string; purpose: InvitePurpose; createdBy: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO user_invites (user_id, code_hash, purpose, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id) DO UPDATE SET code_hash = EXCLUDED.code_hash, purpose = EXCLUDED.purpose,
       created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
    [invite.userId, hashInviteCode(invite.code), invite.purpose, invite.createdBy, invite.now, invite.expiresAt],
  );
}

/** A link that works now: unexpired, and its person not deactivated. */
export async function findInvite(db: Queryable, code: string, now: Date): Promise<(InviteInfo & { userId: string }) | null> {
  const [row] = await db.query<{ user_id: string; username: string; purpose: InvitePurpose; expires_at: Date }>(
    `SELECT i.user_id, u.username, i.purpose, i.expires_at FROM user_invites i JOIN users u ON u.id = i.user_id
     WHERE i.code_hash = $1 AND i.expires_at > $2 AND u.status <> 'deactivated'`,
    [hashInviteCode(code), now],
  );
  return row ? { userId: row.user_id, username: row.username, purpose: row.purpose, expiresAt: row.expires_at.toISOString() } : null;
}

/**
 * Spends the link and sets the password, in one transaction: a second use finds nothing. Every
 * session the person had ends (a reset means someone else may have known the old password).
 */
export async function acceptInvite(
  db: Database,
  code: string,
  passwordHash: string,
  now: Date,
): Promise<{ user: User; purpose: InvitePurpose } | null> {
  return db.transaction(async (tx) => {
    const [invite] = await tx.query<{ user_id: string; purpose: InvitePurpose }>(
      `DELETE FROM user_invites i USING users u
       WHERE i.code_hash = $1 AND i.expires_at > $2 AND u.id = i.user_id AND u.status <> 'deactivated'
       RETURNING i.user_id, i.purpose`,
      [hashInviteCode(code), now],
    );
    if (!invite) return null;
    const [user] = await tx.query<User>(
      `UPDATE users SET password_hash = $2, status = 'active' WHERE id = $1 RETURNING id, username, role`,
      [invite.user_id, passwordHash],
    );
    if (!user) return null;
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
    await recordMemberEvent(tx, { userId: user.id, type: invite.purpose === 'invite' ? 'joined' : 'password_changed', actorId: null, at: now });
    return { user, purpose: invite.purpose };
  });
}

/** The person's live tokens, most recently used first: what deactivating them stops. */
export async function listLiveTokens(db: Queryable, ownerId: string, now: Date): Promise<OffboardingToken[]> {
  const rows = await db.query<{
    id: string;
    name: string;
    environment: string;
    hint: string;
    expires_at: Date;
    last_used_at: Date | null;
    last_used_ip: string | null;
    last_used_user_agent: string | null;
  }>(
    `SELECT id, name, environment, hint, expires_at, last_used_at, last_used_ip, last_used_user_agent FROM api_keys
     WHERE owner_id = $1 AND revoked_at IS NULL AND expires_at > $2
     ORDER BY last_used_at DESC NULLS LAST, lower(name), id`,
    [ownerId, now],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    environment: row.environment,
    hint: row.hint,
    expiresAt: row.expires_at.toISOString(),
    lastUsedAt: iso(row.last_used_at),
    lastUsedIp: row.last_used_ip,
    lastUsedUserAgent: row.last_used_user_agent,
  }));
}

export async function countSessions(db: Queryable, userId: string, now: Date): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM sessions WHERE user_id = $1 AND expires_at > $2', [userId, now]);
  return row?.count ?? 0;
}

export type MemberChange = { role?: Role; status?: 'active' | 'deactivated' };
export type MemberChangeResult =
  | { ok: true; revokedTokens: number }
  | { ok: false; reason: 'not_found' | 'last_admin' | 'invited' };

/**
 * Changes a person's role and/or status in one transaction, recorded with who did it. Every admin
 * row is locked first, so two admins demoting each other at once cannot leave nobody in charge.
 * Deactivating ends all their sessions, spends their link and revokes every live token, each revoke
 * on the token's timeline as done by `actorId` because the owner was deactivated.
 */
export async function changeMember(db: Database, id: string, change: MemberChange, actorId: string, now: Date): Promise<MemberChangeResult> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id FOR UPDATE");
    const [current] = await tx.query<{ role: Role; status: UserStatus }>("SELECT role, status FROM users WHERE id = $1 AND kind = 'person' FOR UPDATE", [id]);
    if (!current) return { ok: false, reason: 'not_found' } as const;
    const role = change.role ?? current.role;
    const status = change.status ?? current.status;
    // Reactivating someone who never accepted their invite would give them no way in: issue a new link instead.
    if (change.status === 'active' && current.status === 'invited') return { ok: false, reason: 'invited' } as const;
    const [admins] = await tx.query<{ count: number }>("SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND status = 'active'");
    if (removesLastAdmin(current, change, admins?.count ?? 0)) return { ok: false, reason: 'last_admin' } as const;
    if (role === current.role && status === current.status) return { ok: true, revokedTokens: 0 } as const;

    await tx.query('UPDATE users SET role = $2, status = $3 WHERE id = $1', [id, role, status]);
    if (role !== current.role) await recordMemberEvent(tx, { userId: id, type: 'role_changed', actorId, at: now, detail: role });
    let revokedTokens = 0;
    if (status === 'deactivated' && current.status !== 'deactivated') {
      await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await tx.query('DELETE FROM user_invites WHERE user_id = $1', [id]);
      revokedTokens = await revokeTokensOfDeactivated(tx, id, actorId, now);
      await recordMemberEvent(tx, { userId: id, type: 'deactivated', actorId, at: now });
    }
    if (status === 'active' && current.status === 'deactivated') {
      await recordMemberEvent(tx, { userId: id, type: 'reactivated', actorId, at: now });
    }
    return { ok: true, revokedTokens } as const;
  });
}

/**
 * Revokes every token of an owner being deactivated (a person or a service account), each on the
 * token's timeline as revoked by `actorId` because its owner was deactivated. Run in the transaction
 * that sets the owner's status, which the revocation events read. Answers how many were revoked.
 */
export async function revokeTokensOfDeactivated(tx: Queryable, ownerId: string, actorId: string, now: Date): Promise<number> {
  const revoked = await tx.query<{ id: string }>(
    `UPDATE api_keys SET revoked_at = $2, revoked_by = $3, active_name = NULL
     WHERE owner_id = $1 AND revoked_at IS NULL RETURNING id`,
    [ownerId, now, actorId],
  );
  if (revoked.length > 0) {
    await tx.query(
      `INSERT INTO api_key_events (id, api_key_id, type, actor_id, at, reason)
       SELECT gen_random_uuid()::text, k, 'revoked', $2, $3, 'owner_deactivated' FROM unnest($1::text[]) AS k`,
      [revoked.map((row) => row.id), actorId, now],
    );
  }
  return revoked.length;
}

export async function recordSignIn(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query('UPDATE users SET last_sign_in_at = $2 WHERE id = $1', [userId, now]);
}
