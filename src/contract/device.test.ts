import { describe, expect, test } from 'vitest';
import { deviceTokenName, formatUserCode, normalizeUserCode, userCodeAlphabet } from './device';

describe('user codes', () => {
  test('the alphabet is RFC 8628’s twenty consonants: no vowels, nothing like a digit', () => {
    expect(userCodeAlphabet).toHaveLength(20);
    expect(new Set(userCodeAlphabet).size).toBe(20);
    expect(userCodeAlphabet).not.toMatch(/[AEIOUY0-9]/);
  });

  test('case, dashes and spaces do not matter', () => {
    for (const typed of ['WDJB-MJHT', 'wdjb-mjht', 'wdjbmjht', ' WDJB MJHT ', 'wd-jb-mj-ht']) {
      expect(normalizeUserCode(typed), typed).toBe('WDJBMJHT');
    }
  });

  test('anything that cannot be a code is null', () => {
    for (const typed of ['', 'WDJB-MJH', 'WDJB-MJHTX', 'WDJB-MJH1', 'AEIO-UWDJ', 'WDJB_MJHT']) {
      expect(normalizeUserCode(typed), typed).toBeNull();
    }
  });

  test('shown in two halves', () => {
    expect(formatUserCode('WDJBMJHT')).toBe('WDJB-MJHT');
  });
});

test('the token is named for the machine, within the name limit', () => {
  expect(deviceTokenName('build-01')).toBe('CLI on build-01');
  expect(deviceTokenName('h'.repeat(200))).toHaveLength(100);
});
