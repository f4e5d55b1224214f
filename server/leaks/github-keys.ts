import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/**
 * The public keys GitHub signs secret-scanning reports with, by identifier. GitHub publishes them at
 * https://api.github.com/meta/public_keys/secret_scanning as `{public_keys: [{key_identifier, key, is_current}]}`
 * (`key` a PEM ECDSA P-256 public key); the operator configures that document (or its array). A key
 * GitHub marks as no longer current still verifies: reports signed before a key change arrive late.
 */
export type GithubScanningKeys = ReadonlyMap<string, KeyObject>;

export function parseGithubScanningKeys(text: string): GithubScanningKeys {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Error('KEYLINE_GITHUB_SCANNING_KEYS must be JSON ({"public_keys": [...]}, as GitHub publishes it) or the path of a file holding it.');
  }
  const entries = Array.isArray(document) ? document : (document as { public_keys?: unknown } | null)?.public_keys;
  if (!Array.isArray(entries) || entries.length === 0) throw new Error('KEYLINE_GITHUB_SCANNING_KEYS holds no public_keys.');
  const keys = new Map<string, KeyObject>();
  for (const entry of entries as unknown[]) {
    const { key_identifier: id, key } = (entry ?? {}) as { key_identifier?: unknown; key?: unknown };
    if (typeof id !== 'string' || id === '' || typeof key !== 'string') throw new Error('Each GitHub scanning key needs a key_identifier and a PEM key.');
    const publicKey = createPublicKey(key);
    if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new Error(`GitHub scanning key ${id} is not an ECDSA P-256 public key.`);
    }
    keys.set(id, publicKey);
  }
  return keys;
}

/** KEYLINE_GITHUB_SCANNING_KEYS: the JSON itself, or the path of a file holding it; unset: no keys (every report is refused). */
export function loadGithubScanningKeys(setting: string | undefined): GithubScanningKeys {
  if (!setting) return new Map();
  const trimmed = setting.trim();
  const isJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  if (!isJson && !existsSync(trimmed)) throw new Error(`KEYLINE_GITHUB_SCANNING_KEYS: no file at ${trimmed}.`);
  return parseGithubScanningKeys(isJson ? trimmed : readFileSync(trimmed, 'utf8'));
}

/** Whether `signature` (base64 DER ECDSA with SHA-256) by the key `keyId` names covers exactly `body`. Never throws. */
export function verifyGithubSignature(keys: GithubScanningKeys, keyId: string | undefined, signature: string | undefined, body: Uint8Array): boolean {
  const key = keyId ? keys.get(keyId) : undefined;
  if (!key || !signature || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify('sha256', body, { key, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
