import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { userCodeAlphabet, userCodeLength } from '../../src/contract/device';

/** The machine's secret for the flow: 256 random bits, which only the machine ever holds. */
export const generateDeviceCode = () => randomBytes(32).toString('base64url');

/** 8 of the 20 consonants: about 34 bits, enough for 10 minutes behind a per-person attempt limit (RFC 8628 §5.1). */
export function generateUserCode(): string {
  let code = '';
  for (let i = 0; i < userCodeLength; i += 1) code += userCodeAlphabet[randomInt(userCodeAlphabet.length)];
  return code;
}

/**
 * What is stored of either code: a keyed digest. The user code is short, so a plain hash in a
 * leaked database could be reversed by trying them all; without the server's key it cannot.
 * `kind` keeps the two codes' digests apart.
 */
export const digestDeviceCode = (kind: 'device' | 'user', code: string, key: Buffer) =>
  createHmac('sha256', key).update(`${kind}:${code}`, 'utf8').digest();
