import { randomUUID } from 'node:crypto';
import type { UserStatus } from '../../src/contract/members';
import type { Role, User } from '../../src/contract/users';
import { isUniqueViolation, type Database, type Queryable } from './database';
import { recordMemberEvent } from './members';
import { deleteOtherSessions } from './sessions';

type UserRow = { id: string; username: string; role: Role; password_hash: string | null; status: UserStatus };

const toUser = (row: UserRow): User => ({ id: row.id, username: row.username, role: row.role });

/** How many admins exist (any status): a start with none creates `admin`, so a workspace is never left without one. */
export async function countAdmins(db: Queryable): Promise<number> {
  const rows = await db.query<{ count: number }>("SELECT count(*)::int AS count FROM users WHERE role = 'admin'");
  return rows[0]?.count ?? 0;
}

/** Null when the username is taken (case-insensitively). */
export async function insertUser(
  db: Queryable,
  input: { username: string; passwordHash: string; role: Role; now: Date },
): Promise<User | null> {
  try {
    const [row] = await db.query<UserRow>(
      `INSERT INTO users (id, username, password_hash, role, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [randomUUID(), input.username, input.passwordHash, input.role, input.now],
    );
    return row ? toUser(row) : null;
  } catch (error) {
    if (isUniqueViolation(error, 'users_username_lower')) return null;
    throw error;
  }
}

export async function findUserByUsername(
  db: Queryable,
  username: string,
): Promise<{ user: User; passwordHash: string | null; status: UserStatus } | null> {
  const [row] = await db.query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [username]);
  return row ? { user: toUser(row), passwordHash: row.password_hash, status: row.status } : null;
}

/** The stored password hash of an active user, to check a current password against. */
export async function findPasswordHash(db: Queryable, userId: string): Promise<string | null> {
  const [row] = await db.query<{ password_hash: string | null }>("SELECT password_hash FROM users WHERE id = $1 AND status = 'active'", [userId]);
  return row?.password_hash ?? null;
}

/**
 * Sets a new password in one transaction: every other session ends, a pending password-reset link
 * stops working (whoever knew the old password may hold it), and the change is recorded as the
 * person's own. Answers how many other live sessions ended.
 */
export async function changePassword(
  db: Database,
  input: { userId: string; currentSessionId: string; passwordHash: string; now: Date },
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [input.userId, input.passwordHash]);
    await tx.query("DELETE FROM user_invites WHERE user_id = $1 AND purpose = 'password_reset'", [input.userId]);
    const signedOut = await deleteOtherSessions(tx, input.userId, input.currentSessionId, input.now);
    await recordMemberEvent(tx, { userId: input.userId, type: 'password_changed', actorId: input.userId, at: input.now });
    return signedOut;
  });
}
