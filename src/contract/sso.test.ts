import { describe, expect, it } from 'vitest';
import { isSafeReturnPath, ssoErrorCodes, ssoErrorMessage, ssoStartUrl } from './sso';

describe('ssoErrorMessage', () => {
  it('explains every code the server sends back, naming the provider where it helps', () => {
    for (const code of ssoErrorCodes) expect(ssoErrorMessage(code, 'Acme ID')).toMatch(/\.$/);
    expect(ssoErrorMessage('unknown_user', 'Acme ID')).toBe(
      'Your Acme ID account isn’t a member of this workspace. Ask an admin of your workspace to add you with the same username.',
    );
  });

  it('offers the password only where there is one', () => {
    expect(ssoErrorMessage('unavailable', 'Acme ID')).toBe('Acme ID can’t be reached right now. Try again in a moment, or sign in with your password.');
    expect(ssoErrorMessage('unavailable', 'Acme ID', false)).toBe('Acme ID can’t be reached right now. Try again in a moment.');
  });

  it('says nothing for no code or one it does not know', () => {
    for (const code of [null, undefined, '', 'toString', '__proto__', '<script>']) expect(ssoErrorMessage(code, 'Acme ID')).toBeNull();
  });
});

describe('isSafeReturnPath', () => {
  it('accepts the paths the sign-in page sends and nothing that leaves the site', () => {
    expect(isSafeReturnPath('/account/security')).toBe(true);
    expect(isSafeReturnPath('/settings/api-tokens?tab=policy#x')).toBe(true);
    for (const returnTo of ['//evil.example', 'https://evil.example', '/\\evil.example', '/./x', '/sign-in', '', `/${'a'.repeat(2048)}`]) {
      expect(isSafeReturnPath(returnTo), returnTo).toBe(false);
    }
  });
});

describe('ssoStartUrl', () => {
  it('puts the return path in the query, encoded', () => {
    expect(ssoStartUrl('/api/sso/start', '/a?b=c&d')).toBe('/api/sso/start?returnTo=%2Fa%3Fb%3Dc%26d');
  });
});
