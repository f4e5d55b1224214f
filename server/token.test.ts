import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { crc32 } from 'node:zlib';
import { checksumOf, displayHint, parseSecret, secretChecksumLength } from '../src/contract/token-format';
import { digestSecret, generateSecret, secretsMatch } from './token';

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const envTag = fc.stringMatching(/^[a-z0-9]{2,8}$/);
const prefix = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);

describe('token secrets', () => {
  test('a generated secret parses back with its environment tag', () => {
    fc.assert(
      fc.property(prefix, envTag, (p, tag) => {
        const secret = generateSecret(p, tag);
        expect(secret).toMatch(new RegExp(`^${p}_${tag}_[0-9A-Za-z]{36}$`));
        expect(parseSecret(secret, p)).toEqual({ prefix: p, envTag: tag });
      }),
    );
  });

  test('every single-character substitution or deletion is rejected offline', () => {
    fc.assert(
      fc.property(envTag, (tag) => {
        const secret = generateSecret('kl', tag);
        for (let i = 0; i < secret.length; i++) {
          const deleted = secret.slice(0, i) + secret.slice(i + 1);
          expect(parseSecret(deleted, 'kl')).toBeNull();
          for (const char of base62) {
            if (char === secret[i]) continue;
            const substituted = secret.slice(0, i) + char + secret.slice(i + 1);
            expect(parseSecret(substituted, 'kl')).toBeNull();
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  test('a secret with another prefix, or with a bad shape, is rejected', () => {
    const secret = generateSecret('kl', 'prod');
    expect(parseSecret(secret, 'kx')).toBeNull();
    expect(parseSecret(secret, 'k')).toBeNull();
    expect(parseSecret(`${secret}0`, 'kl')).toBeNull();
    expect(parseSecret('', 'kl')).toBeNull();
    expect(parseSecret('kl_prod_', 'kl')).toBeNull();
    expect(parseSecret(secret.replace('kl_prod_', 'kl_PROD_'), 'kl')).toBeNull();
  });

  test('the checksum is zlib’s CRC32, so every secret minted before it moved to the contract still parses', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        let value = crc32(Buffer.from(text, 'utf8'));
        let expected = '';
        for (let i = 0; i < secretChecksumLength; i++) {
          expected = base62[value % 62] + expected;
          value = Math.floor(value / 62);
        }
        expect(checksumOf(text)).toBe(expected);
      }),
    );
  });

  test('the body is spread over the whole base62 alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) for (const char of generateSecret('kl', 'dev').slice(7, 37)) seen.add(char);
    expect(seen.size).toBe(62);
  });

  test('the hint shows prefix, tag and the last four characters only', () => {
    fc.assert(
      fc.property(prefix, envTag, (p, tag) => {
        const secret = generateSecret(p, tag);
        expect(displayHint(secret)).toBe(`${p}_${tag}_…${secret.slice(-4)}`);
      }),
    );
  });

  test('digests are keyed and compared in constant time', () => {
    const secret = generateSecret('kl', 'dev');
    const key = Buffer.alloc(32, 1);
    expect(secretsMatch(digestSecret(secret, key), digestSecret(secret, key))).toBe(true);
    expect(secretsMatch(digestSecret(secret, key), digestSecret(secret, Buffer.alloc(32, 2)))).toBe(false);
    expect(secretsMatch(digestSecret(secret, key), new Uint8Array(3))).toBe(false);
  });
});
