import { base62Alphabet, displayHint, formatSecret, secretBodyLength } from '../../contract/token-format';

/**
 * A fresh secret in the contract's token format (checksum included), and the hint that is all the
 * store keeps of it. A fake needs no unbiased randomness; the server's minting has it.
 */
export function mintSecret(prefix: string, envTag: string): { secret: string; hint: string } {
  const body = Array.from(crypto.getRandomValues(new Uint8Array(secretBodyLength)), (byte) => base62Alphabet[byte % 62]).join('');
  const secret = formatSecret(prefix, envTag, body);
  return { secret, hint: displayHint(secret) };
}
