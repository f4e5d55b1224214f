import { createHash, randomBytes } from 'node:crypto';
import type { Role, User } from '../../src/contract/users';
import type { Queryable } from './database';

/** Only the SHA-256 of a session id is stored: a database read does not hand out live sessions. */
const hashSessionId = (id: string) => createHash('sha256').update(id, 'utf8').digest();

/** Returns the session id for the cookie. */
export async function createSession(db: Queryable, userId: string, now: Date, expiresAt: Date): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  // Housekeeping on the way: this user's expired sessions are of no use to anyone.
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2', [userId, now]);
  await db.query('INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    hashSessionId(id),
    userId,
    now,
    expiresAt,
  ]);
  return id;
}

export async function findSessionUser(db: Queryable, id: string, now: Date): Promise<User | null> {
  const [row] = await db.query<{ id: string; username: string; role: Role }>(
    `SELECT u.id, u.username, u.role FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.status = 'active'`,
    [hashSessionId(id), now],
  );
  return row ? { id: row.id, username: row.username, role: row.role } : null;
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [hashSessionId(id)]);
}
