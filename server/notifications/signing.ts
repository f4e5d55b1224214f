import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

// Standard Webhooks (https://www.standardwebhooks.com): a `whsec_` + base64 secret, and
// `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` keyed by the decoded secret.

const secretPrefix = 'whsec_';

/** 32 random bytes: what the receiver configures to verify. Shown once, stored only sealed. */
export const newSigningSecret = () => `${secretPrefix}${randomBytes(32).toString('base64')}`;

export function signatureHeaders(secret: string, messageId: string, at: Date, body: string): Record<string, string> {
  const key = Buffer.from(secret.slice(secretPrefix.length), 'base64');
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

// The signing secret must be readable to sign with, so unlike a token it cannot be kept as a digest.
// It is sealed with AES-256-GCM under a key derived from the server's HMAC secret: the data
// directory (or a database dump) alone does not give it away.
const sealingKey = (hmacSecret: Buffer) =>
  Buffer.from(hkdfSync('sha256', hmacSecret, Buffer.alloc(0), 'keyline webhook signing secrets v1', 32));

export function sealSecret(secret: string, hmacSecret: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(hmacSecret), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

/** Throws when the HMAC secret changed since sealing (the endpoint then needs a new signing secret). */
export function openSecret(sealed: Buffer, hmacSecret: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(hmacSecret), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}
