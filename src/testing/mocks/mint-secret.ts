import { displayHint, mintSecret as mintFormattedSecret } from '../../contract/token-format';

/** A fresh secret in the contract's format from the browser's random bytes, and the hint that is all the store keeps of it. */
export function mintSecret(prefix: string, envTag: string): { secret: string; hint: string } {
  const secret = mintFormattedSecret(prefix, envTag, (count) => crypto.getRandomValues(new Uint8Array(count)));
  return { secret, hint: displayHint(secret) };
}
