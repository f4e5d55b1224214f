import { expect, test } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password';

const cheap = { N: 1024, r: 8, p: 1 };

test('a hash is self-describing, salted and verifies only the right password', async () => {
  const hash = await hashPassword('correct horse', cheap);
  expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
  expect(await hashPassword('correct horse', cheap)).not.toBe(hash);
  expect(await verifyPassword('correct horse', hash)).toBe(true);
  expect(await verifyPassword('correct horse!', hash)).toBe(false);
  expect(await verifyPassword('correct horse', 'garbage')).toBe(false);
});

test('an unknown user (no hash) never verifies', async () => {
  expect(await verifyPassword('', null)).toBe(false);
});

test('generated passwords are long and random', () => {
  const password = generatePassword();
  expect(password).toMatch(/^[\w-]{20}$/);
  expect(generatePassword()).not.toBe(password);
});
