import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AccountSession } from '../../src/contract/account';
import type { Role, User } from '../../src/contract/users';
import type { RequestOrigin } from './api-key-events';
import type { Queryable } from './database';

/** Only the SHA-256 of a session id is stored: a database read does not hand out live sessions. */
const hashSessionId = (id: string) => createHash('sha256').update(id, 'utf8').digest();

/** A session's last-seen time is written at most this often: a busy tab costs one write a minute, not one per request. */
export const lastSeenIntervalMs = 60 * 1000;

/** Returns the session id for the cookie. */
export async function createSession(db: Queryable, userId: string, now: Date, expiresAt: Date, origin: RequestOrigin): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  // Housekeeping on the way: this user's expired sessions are of no use to anyone.
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2', [userId, now]);
  await db.query(
    `INSERT INTO sessions (id_hash, public_id, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
    [hashSessionId(id), randomUUID(), userId, now, expiresAt, origin.ip, origin.userAgent],
  );
  return id;
}

/**
 * The signed-in user of a live session, and whether its last-seen note is due: only when the last
 * one is a minute old or more, so most requests cost this one read and no write.
 */
export async function findSessionUser(db: Queryable, id: string, now: Date): Promise<{ user: User; seenDue: boolean } | null> {
  const [row] = await db.query<{ id: string; username: string; role: Role; last_seen_at: Date }>(
    `SELECT u.id, u.username, u.role, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.status = 'active'`,
    [hashSessionId(id), now],
  );
  if (!row) return null;
  return { user: { id: row.id, username: row.username, role: row.role }, seenDue: now.getTime() - row.last_seen_at.getTime() >= lastSeenIntervalMs };
}

/** Notes that the session was seen now, from where. The condition repeats the throttle: of several requests racing past the read, one writes. */
export async function noteSessionSeen(db: Queryable, id: string, now: Date, origin: RequestOrigin): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = $2, ip = coalesce($3, ip) WHERE id_hash = $1 AND last_seen_at <= $4', [
    hashSessionId(id),
    now,
    origin.ip,
    new Date(now.getTime() - lastSeenIntervalMs),
  ]);
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [hashSessionId(id)]);
}

/** The user's live sessions: the one `currentId` belongs to first, then the most recently seen. */
export async function listUserSessions(db: Queryable, userId: string, currentId: string, now: Date): Promise<AccountSession[]> {
  const rows = await db.query<{ public_id: string; created_at: Date; last_seen_at: Date; ip: string | null; user_agent: string | null; current: boolean }>(
    `SELECT public_id, created_at, last_seen_at, ip, user_agent, id_hash = $3 AS current FROM sessions
     WHERE user_id = $1 AND expires_at > $2
     ORDER BY id_hash = $3 DESC, last_seen_at DESC, created_at DESC, public_id`,
    [userId, now, hashSessionId(currentId)],
  );
  return rows.map((row) => ({
    id: row.public_id,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    ip: row.ip,
    userAgent: row.user_agent,
    current: row.current,
  }));
}

/**
 * Ends one of the user's sessions by its public id. Never the one `currentId` belongs to (that is
 * signing out, done elsewhere): `current` then, `not_found` when the user has no such session.
 */
export async function deleteUserSession(
  db: Queryable,
  userId: string,
  publicId: string,
  currentId: string,
): Promise<'deleted' | 'current' | 'not_found'> {
  const currentHash = hashSessionId(currentId);
  const deleted = await db.query<{ public_id: string }>(
    'DELETE FROM sessions WHERE user_id = $1 AND public_id = $2 AND id_hash <> $3 RETURNING public_id',
    [userId, publicId, currentHash],
  );
  if (deleted.length > 0) return 'deleted';
  const [current] = await db.query<{ public_id: string }>('SELECT public_id FROM sessions WHERE id_hash = $1 AND public_id = $2', [currentHash, publicId]);
  return current ? 'current' : 'not_found';
}

/** Ends every session of the user but the one `currentId` belongs to; answers how many were live. */
export async function deleteOtherSessions(db: Queryable, userId: string, currentId: string, now: Date): Promise<number> {
  const deleted = await db.query<{ expires_at: Date }>(
    'DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2 RETURNING expires_at',
    [userId, hashSessionId(currentId)],
  );
  return deleted.filter((row) => row.expires_at > now).length;
}
