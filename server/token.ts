import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base62Alphabet, formatSecret, secretBodyLength } from '../src/contract/token-format';

/**
 * Minting and digests of token secrets; the format itself (alphabet, shape, checksum, the offline
 * look-alike check) is the contract's `token-format`, shared with every client.
 */

// The largest multiple of 62 below 256: bytes at or above it are rejected so every char is equally likely.
const unbiasedByteLimit = 62 * 4;

/** A new secret for the environment's tag: `secretBodyLength` random base62 characters, then the checksum. */
export function generateSecret(prefix: string, envTag: string): string {
  return formatSecret(prefix, envTag, randomBase62(secretBodyLength));
}

/** Keyed hash stored instead of the secret, so a database leak alone does not yield usable tokens. */
export function digestSecret(secret: string, hmacKey: Buffer): Buffer {
  return createHmac('sha256', hmacKey).update(secret, 'utf8').digest();
}

export function secretsMatch(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= unbiasedByteLimit) continue;
      out += base62Alphabet[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}
