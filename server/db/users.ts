import { randomUUID } from 'node:crypto';
import type { UserStatus } from '../../src/contract/members';
import type { Role, User } from '../../src/contract/users';
import { isUniqueViolation, type Queryable } from './database';

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
