/**
 * The token secret format: `<prefix>_<env tag>_<body><checksum>`.
 * body: 30 base62 chars (~178 bits); checksum: CRC32 of everything before it, 6 base62 chars.
 * Pure and offline (no crypto, no database): the checksum lets the server reject look-alikes before
 * any query, and any client tell a mistyped token from a real one. The random bytes come from the caller.
 */

/** The alphabet of a secret's body and checksum. */
export const base62Alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Random characters after `<prefix>_<env tag>_`. */
export const secretBodyLength = 30;
/** Checksum characters at the end of a secret. */
export const secretChecksumLength = 6;

/** An environment's tag in a secret, e.g. `prod`. */
export const envTagPattern = /^[a-z0-9]{2,8}$/;
/** The workspace's token prefix, e.g. `kl`. */
export const tokenPrefixPattern = /^[a-z][a-z0-9]{0,15}$/;

export type ParsedSecret = { prefix: string; envTag: string };

/** Whether `prefix` can start a secret: 1–16 lowercase letters or digits, a letter first. */
export function isValidTokenPrefix(prefix: string): boolean {
  return tokenPrefixPattern.test(prefix);
}

/** Whether `tag` can stand for an environment in a secret: 2–8 lowercase letters or digits. */
export function isValidEnvTag(tag: string): boolean {
  return envTagPattern.test(tag);
}

/** The whole secret for a random `body` of `secretBodyLength` base62 characters: the checksum is appended. */
export function formatSecret(prefix: string, envTag: string, body: string): string {
  if (!isValidTokenPrefix(prefix)) throw new Error(`Invalid token prefix: ${prefix}`);
  if (!isValidEnvTag(envTag)) throw new Error(`Invalid environment tag: ${envTag}`);
  if (body.length !== secretBodyLength || !isBase62(body)) throw new Error('Invalid secret body');
  const head = `${prefix}_${envTag}_${body}`;
  return head + checksumOf(head);
}

// The largest multiple of 62 below 256: bytes at or above it are skipped so every character is equally likely.
const unbiasedByteLimit = 62 * 4;

/**
 * A new secret, its body drawn from `randomBytes` (the server passes node:crypto's, the mocks a
 * browser's `crypto.getRandomValues`): bytes that would bias the alphabet are skipped.
 */
export function mintSecret(prefix: string, envTag: string, randomBytes: (count: number) => Uint8Array): string {
  let body = '';
  while (body.length < secretBodyLength) {
    for (const byte of randomBytes(secretBodyLength * 2)) {
      if (byte >= unbiasedByteLimit) continue;
      body += base62Alphabet[byte % 62];
      if (body.length === secretBodyLength) break;
    }
  }
  return formatSecret(prefix, envTag, body);
}

/** Offline validation: shape, alphabet, length and checksum. Null for anything that cannot be ours. */
export function parseSecret(candidate: string, prefix: string): ParsedSecret | null {
  if (!candidate.startsWith(`${prefix}_`)) return null;
  const rest = candidate.slice(prefix.length + 1);
  const separator = rest.indexOf('_');
  if (separator < 0) return null;
  const envTag = rest.slice(0, separator);
  const tail = rest.slice(separator + 1);
  if (!isValidEnvTag(envTag)) return null;
  if (tail.length !== secretBodyLength + secretChecksumLength || !isBase62(tail)) return null;
  const head = candidate.slice(0, candidate.length - secretChecksumLength);
  if (checksumOf(head) !== candidate.slice(-secretChecksumLength)) return null;
  return { prefix, envTag };
}

/** Safe to show: prefix, environment tag and the last four characters, e.g. `kl_prod_…a1B9`. */
export function displayHint(secret: string): string {
  const lastSeparator = secret.lastIndexOf('_');
  return `${secret.slice(0, lastSeparator + 1)}…${secret.slice(-4)}`;
}

/** The base62 checksum of `text`: CRC32 (IEEE, as zlib computes it) of its UTF-8 bytes. */
export function checksumOf(text: string): string {
  let value = crc32(new TextEncoder().encode(text));
  let out = '';
  for (let i = 0; i < secretChecksumLength; i++) {
    out = base62Alphabet[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

function isBase62(text: string): boolean {
  return /^[0-9A-Za-z]*$/.test(text);
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  crcTable ??= buildCrcTable();
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}
