const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A fresh secret of the token format's shape, and the hint that is all the store keeps of it. */
export function mintSecret(prefix: string, tag: string): { secret: string; hint: string } {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(36)), (byte) => base62[byte % 62]).join('');
  const secret = `${prefix}_${tag}_${random}`;
  return { secret, hint: `${prefix}_${tag}_…${secret.slice(-4)}` };
}
