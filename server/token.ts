import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * The token secret format: `<prefix>_<env tag>_<body><checksum>`.
 * body: 30 base62 chars (~178 bits); checksum: CRC32 of everything before it, 6 base62 chars.
 * Pure functions, no database: the checksum lets us reject look-alikes before any query.
 */

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const bodyLength = 30;
const checksumLength = 6;
// The largest multiple of 62 below 256: bytes at or above it are rejected so every char is equally likely.
const unbiasedByteLimit = 62 * 4;

const envTagPattern = /^[a-z0-9]{2,8}$/;
const prefixPattern = /^[a-z][a-z0-9]{0,15}$/;

export type ParsedSecret = { prefix: string; envTag: string };

export function isValidTokenPrefix(prefix: string): boolean {
  return prefixPattern.test(prefix);
}

export function generateSecret(prefix: string, envTag: string): string {
  if (!isValidTokenPrefix(prefix)) throw new Error(`Invalid token prefix: ${prefix}`);
  if (!envTagPattern.test(envTag)) throw new Error(`Invalid environment tag: ${envTag}`);
  const head = `${prefix}_${envTag}_${randomBase62(bodyLength)}`;
  return head + checksumOf(head);
}

/** Offline validation: shape, alphabet, length and checksum. Null for anything that cannot be ours. */
export function parseSecret(candidate: string, prefix: string): ParsedSecret | null {
  if (!candidate.startsWith(`${prefix}_`)) return null;
  const rest = candidate.slice(prefix.length + 1);
  const separator = rest.indexOf('_');
  if (separator < 0) return null;
  const envTag = rest.slice(0, separator);
  const tail = rest.slice(separator + 1);
  if (!envTagPattern.test(envTag)) return null;
  if (tail.length !== bodyLength + checksumLength || !isBase62(tail)) return null;
  const head = candidate.slice(0, candidate.length - checksumLength);
  if (checksumOf(head) !== candidate.slice(-checksumLength)) return null;
  return { prefix, envTag };
}

/** Keyed hash stored instead of the secret, so a database leak alone does not yield usable tokens. */
export function digestSecret(secret: string, hmacKey: Buffer): Buffer {
  return createHmac('sha256', hmacKey).update(secret, 'utf8').digest();
}

export function secretsMatch(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Safe to show: prefix, environment tag and the last four characters, e.g. `kl_prod_…a1B9`. */
export function displayHint(secret: string): string {
  const lastSeparator = secret.lastIndexOf('_');
  return `${secret.slice(0, lastSeparator + 1)}…${secret.slice(-4)}`;
}

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= unbiasedByteLimit) continue;
      out += base62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

function checksumOf(text: string): string {
  let value = crc32(Buffer.from(text, 'utf8'));
  let out = '';
  for (let i = 0; i < checksumLength; i++) {
    out = base62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

function isBase62(text: string): boolean {
  return /^[0-9A-Za-z]*$/.test(text);
}
