import { parseArgs } from 'node:util';
import { roleSchema, usernameSchema } from '../../src/contract/users';
import { openConfiguredDatabase } from '../db/open-database';
import { insertUser } from '../db/users';
import { readSettings } from '../settings';
import { generatePassword, hashPassword } from '../users/password';
import { runCli } from './run-cli';

const usage = 'Usage: npm run user:add -- <username> [--role admin|member] [--password <password>]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string', default: 'member' }, password: { type: 'string' } },
  });
  const username = usernameSchema.safeParse(positionals[0] ?? '');
  if (positionals.length !== 1 || !username.success) {
    console.error(username.success ? usage : `${username.error.issues[0]?.message ?? 'Invalid username.'}\n${usage}`);
    return 2;
  }
  const role = roleSchema.safeParse(values.role);
  if (!role.success) {
    console.error(`Unknown role "${values.role}": use admin or member.\n${usage}`);
    return 2;
  }
  if (values.password !== undefined && values.password.length === 0) {
    console.error('The password must not be empty.');
    return 2;
  }

  const password = values.password ?? generatePassword();
  const db = await openConfiguredDatabase(readSettings());
  try {
    const user = await insertUser(db, {
      username: username.data,
      passwordHash: await hashPassword(password),
      role: role.data,
      now: new Date(),
    });
    if (!user) {
      console.error(`A user named "${username.data}" already exists.`);
      return 1;
    }
    console.info(`Created ${user.role} "${user.username}".`);
    if (values.password === undefined) console.info(`Password (shown only once): ${password}`);
    return 0;
  } finally {
    await db.close();
  }
}

runCli(main);
