import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadGithubScanningKeys, parseGithubScanningKeys, verifyGithubSignature } from './github-keys';

const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const published = JSON.stringify({ public_keys: [{ key_identifier: 'k1', key: pem, is_current: false }] });

describe('GitHub secret-scanning keys', () => {
  test('reads the document GitHub publishes, from the setting itself or a file, and verifies with a key no longer current', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    const file = join(dir, 'secret_scanning.json');
    writeFileSync(file, published);
    const body = Buffer.from('[{"token":"x"}]');
    const signature = sign('sha256', body, { key: pair.privateKey, dsaEncoding: 'der' }).toString('base64');
    for (const keys of [loadGithubScanningKeys(published), loadGithubScanningKeys(file)]) {
      expect(verifyGithubSignature(keys, 'k1', signature, body)).toBe(true);
      expect(verifyGithubSignature(keys, 'k1', signature, Buffer.from('[{"token":"y"}]'))).toBe(false);
      expect(verifyGithubSignature(keys, 'k2', signature, body)).toBe(false);
    }
    expect(loadGithubScanningKeys(undefined).size).toBe(0);
  });

  test('refuses, at start, what is not a P-256 key list', () => {
    expect(() => parseGithubScanningKeys('nope')).toThrow(/must be JSON/);
    expect(() => parseGithubScanningKeys('{"public_keys": []}')).toThrow(/holds no public_keys/);
    expect(() => parseGithubScanningKeys('[{"key_identifier": "k"}]')).toThrow(/key_identifier and a PEM key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(() => parseGithubScanningKeys(JSON.stringify([{ key_identifier: 'r', key: rsa }]))).toThrow(/not an ECDSA P-256/);
    expect(() => loadGithubScanningKeys('/nowhere/keys.json')).toThrow(/no file at/);
  });
});
