import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mintSecret } from '../../src/contract/token-format';

/**
 * Minting and digests of token secrets; the format itself (alphabet, shape, checksum, the offline
 * look-alike check) is the contract's `token-format`, shared with every client.
 */

/** A new secret for the environment's tag, from the operating system's random bytes. */
export function generateSecret(prefix: string, envTag: string): string {
  return mintSecret(prefix, envTag, randomBytes);
}

/** Keyed hash stored instead of the secret, so a database leak alone does not yield usable tokens. */
export function digestSecret(secret: string, hmacKey: Buffer): Buffer {
  return createHmac('sha256', hmacKey).update(secret, 'utf8').digest();
}

export function secretsMatch(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
