import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// ~100 ms per hash here; the parameters are stored with every hash so they can be raised later.
export type ScryptCost = { N: number; r: number; p: number };
const defaultCost: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Self-describing: `scrypt$N$r$p$salt$hash` (salt and hash in base64). */
export async function hashPassword(password: string, cost: ScryptCost = defaultCost): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Verifying against this when the user does not exist keeps the timing of both answers alike. */
let dummyHash: Promise<string> | undefined;

/** `storedHash` null = unknown user: still runs scrypt, then answers false. */
export async function verifyPassword(password: string, storedHash: string | null): Promise<boolean> {
  const stored = storedHash ?? (await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))));
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected) && storedHash !== null;
}

/** ~20 characters from a 62-letter alphabet (~119 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
