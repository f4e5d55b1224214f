import { describe, expect, it } from 'vitest';
import { readSettings } from './settings';

describe('KEYLINE_SMTP_URL and KEYLINE_SMTP_FROM', () => {
  it('unset: no email', () => {
    expect(readSettings({}).smtp).toBeUndefined();
  });

  it('set: the URL as given, and a From on the public host unless one is given', () => {
    const url = 'smtp://keyline:s3cret-pass@mail.example.com:587';
    expect(readSettings({ KEYLINE_SMTP_URL: url, KEYLINE_PUBLIC_URL: 'https://keys.example.com' }).smtp).toEqual({ url, from: 'Keyline <keyline@keys.example.com>' });
    expect(readSettings({ KEYLINE_SMTP_URL: url, KEYLINE_SMTP_FROM: 'Tokens <tokens@example.com>' }).smtp?.from).toBe('Tokens <tokens@example.com>');
  });

  it('a URL that is not smtp(s) is refused without repeating it (it may hold the password)', () => {
    for (const url of ['https://user:s3cret-pass@mail.example.com', 'not a url s3cret-pass', 'smtp://']) {
      expect(() => readSettings({ KEYLINE_SMTP_URL: url })).toThrow(/^KEYLINE_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
      expect(() => readSettings({ KEYLINE_SMTP_URL: url })).not.toThrow(/s3cret-pass/);
    }
  });

  it('a From on two lines is refused', () => {
    expect(() => readSettings({ KEYLINE_SMTP_URL: 'smtp://mail.example.com', KEYLINE_SMTP_FROM: 'a@example.com\r\nBcc: b@example.com' })).toThrow(/KEYLINE_SMTP_FROM/);
  });
});
