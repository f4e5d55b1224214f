import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { credentialsPath, forgetStoredLogin, readStoredLogin, resolveAuth, writeStoredLogin, type StoredLogin } from './credentials';

const login: StoredLogin = {
  url: 'https://keyline.example.com',
  token: 'kl_dev_stored',
  apiKeyId: 'k1',
  tokenName: 'CLI on laptop',
  username: 'alice',
  expiresAt: '2026-02-01T00:00:00.000Z',
};

describe('where the login lives', () => {
  test('XDG_CONFIG_HOME when it is absolute, else ~/.config', () => {
    expect(credentialsPath({ XDG_CONFIG_HOME: '/x/config', HOME: '/home/a' })).toBe('/x/config/keyline/credentials.json');
    expect(credentialsPath({ XDG_CONFIG_HOME: 'relative', HOME: '/home/a' })).toBe('/home/a/.config/keyline/credentials.json');
    expect(credentialsPath({ HOME: '/home/a' })).toBe('/home/a/.config/keyline/credentials.json');
  });

  test('written 0600 in a 0700 directory, read back, replaced, forgotten', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'keyline-cli-')), 'keyline', 'credentials.json');
    expect(readStoredLogin(path)).toBeNull();
    writeStoredLogin(path, login);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    writeStoredLogin(path, { ...login, token: 'kl_dev_newer' });
    expect(readStoredLogin(path)?.token).toBe('kl_dev_newer');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    forgetStoredLogin(path);
    expect(readStoredLogin(path)).toBeNull();
  });

  test('a file it did not write is a clear error, without its content', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'keyline-cli-')), 'credentials.json');
    writeFileSync(path, '{"token": "kl_dev_half');
    expect(() => readStoredLogin(path)).toThrow(expect.objectContaining({ code: 'credentials_unreadable' }));
    expect(() => readStoredLogin(path)).not.toThrow(/kl_dev_half/);
    expect(readFileSync(path, 'utf8')).toContain('kl_dev_half');
  });
});

describe('which credential and server a command uses', () => {
  test('--token, then KEYLINE_TOKEN, then the stored login', () => {
    const env = { KEYLINE_TOKEN: ' kl_dev_env\n' };
    expect(resolveAuth({ token: 'kl_dev_flag' }, env, login)).toMatchObject({ token: 'kl_dev_flag', credential: { source: 'flag' } });
    expect(resolveAuth({}, env, login)).toMatchObject({ token: 'kl_dev_env', credential: { source: 'env' } });
    expect(resolveAuth({}, {}, login)).toMatchObject({ token: 'kl_dev_stored', credential: { source: 'login', expiresAt: login.expiresAt } });
    expect(resolveAuth({}, { KEYLINE_TOKEN: '' }, null)).toMatchObject({ token: null, credential: null });
  });

  test('--url, then KEYLINE_URL, then the login’s, then a local server; only http(s)', () => {
    expect(resolveAuth({ url: 'http://a.test/x' }, { KEYLINE_URL: 'http://b.test' }, login).url).toBe('http://a.test');
    expect(resolveAuth({}, { KEYLINE_URL: 'http://b.test' }, login).url).toBe('http://b.test');
    expect(resolveAuth({}, {}, login).url).toBe('https://keyline.example.com');
    expect(resolveAuth({}, {}, null).url).toBe('http://localhost:8787');
    expect(() => resolveAuth({ url: 'file:///etc/passwd' }, {}, null)).toThrow(expect.objectContaining({ code: 'usage' }));
    expect(() => resolveAuth({ url: 'not a url' }, {}, null)).toThrow(expect.objectContaining({ code: 'usage' }));
  });
});
