import type { Database } from '../db/database';
import { countAdmins, insertUser } from '../db/users';
import { generatePassword, hashPassword } from './password';

/**
 * A start on a database with no admin (the first start, or one where `user:add` made only members)
 * creates `admin`. Returns the password when it was generated (to print once), null when it came
 * from the environment or an admin already exists.
 */
export async function ensureAdminUser(
  db: Database,
  options: { adminPassword: string | undefined; now: Date },
): Promise<{ generatedPassword: string | null; created: boolean }> {
  if ((await countAdmins(db)) > 0) return { generatedPassword: null, created: false };
  const password = options.adminPassword ?? generatePassword();
  const user = await insertUser(db, {
    username: 'admin',
    passwordHash: await hashPassword(password),
    role: 'admin',
    now: options.now,
  });
  // null: another instance on the same database created it a moment ago.
  if (!user) return { generatedPassword: null, created: false };
  return { generatedPassword: options.adminPassword ? null : password, created: true };
}
