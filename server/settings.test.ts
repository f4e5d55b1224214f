import { describe, expect, it, test } from 'vitest';
import { readSettings } from './settings';

const oidcEnv = { KEYLINE_OIDC_ISSUER: 'https://id.example.com', KEYLINE_OIDC_CLIENT_ID: 'keyline', KEYLINE_OIDC_CLIENT_SECRET: 's3cret' };

describe('single sign-on settings', () => {
  test('are off without an issuer', () => {
    expect(readSettings({}).oidc).toBeUndefined();
  });

  test('take the name and username claim, with defaults', () => {
    expect(readSettings(oidcEnv).oidc).toEqual({
      ...toConfig(oidcEnv),
      name: 'SSO',
      usernameClaim: 'preferred_username',
      autoCreate: 'member',
      adminGroups: [],
      groupsClaim: 'groups',
      passwordSignIn: true,
    });
    expect(readSettings({ ...oidcEnv, KEYLINE_OIDC_NAME: ' Okta ', KEYLINE_OIDC_USERNAME_CLAIM: 'email' }).oidc).toMatchObject({ name: 'Okta', usernameClaim: 'email' });
  });

  test('create members on first sign-in by default; off makes it invited and existing people only; never admins by this switch', () => {
    expect(readSettings(oidcEnv).oidc?.autoCreate).toBe('member');
    expect(readSettings({ ...oidcEnv, KEYLINE_OIDC_AUTO_CREATE: 'off' }).oidc?.autoCreate).toBe('off');
    expect(() => readSettings({ ...oidcEnv, KEYLINE_OIDC_AUTO_CREATE: 'admin' })).toThrow(/can be "member" or "off"/);
  });

  test('map admin groups from a claim, groups by default', () => {
    expect(readSettings({ ...oidcEnv, KEYLINE_OIDC_ADMIN_GROUPS: ' platform-admins, security ,,' }).oidc).toMatchObject({
      adminGroups: ['platform-admins', 'security'],
      groupsClaim: 'groups',
    });
    expect(readSettings({ ...oidcEnv, KEYLINE_OIDC_GROUPS_CLAIM: 'roles' }).oidc?.groupsClaim).toBe('roles');
  });

  test('turn password sign-in off only with single sign-on configured, saying so in one sentence', () => {
    expect(readSettings({ ...oidcEnv, KEYLINE_PASSWORD_SIGNIN: 'off' }).oidc?.passwordSignIn).toBe(false);
    expect(readSettings({ ...oidcEnv, KEYLINE_PASSWORD_SIGNIN: 'on' }).oidc?.passwordSignIn).toBe(true);
    expect(() => readSettings({ KEYLINE_PASSWORD_SIGNIN: 'off' })).toThrow(/^KEYLINE_PASSWORD_SIGNIN=off needs single sign-on: set KEYLINE_OIDC_ISSUER/);
    expect(() => readSettings({ ...oidcEnv, KEYLINE_PASSWORD_SIGNIN: 'of' })).toThrow(/can be "on" or "off"/);
    expect(readSettings({ KEYLINE_PASSWORD_SIGNIN: 'on' }).oidc).toBeUndefined();
  });

  test('allow plain http only for a provider on this machine', () => {
    expect(readSettings({ ...oidcEnv, KEYLINE_OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe('http://127.0.0.1:9000');
    expect(() => readSettings({ ...oidcEnv, KEYLINE_OIDC_ISSUER: 'http://id.example.com' })).toThrow(/must be an https URL/);
    expect(() => readSettings({ ...oidcEnv, KEYLINE_OIDC_ISSUER: 'not a url' })).toThrow(/must be an https URL/);
  });

  test('need the client id and secret with an issuer', () => {
    expect(() => readSettings({ ...oidcEnv, KEYLINE_OIDC_CLIENT_SECRET: '' })).toThrow(/KEYLINE_OIDC_CLIENT_SECRET/);
    expect(() => readSettings({ ...oidcEnv, KEYLINE_OIDC_CLIENT_ID: undefined })).toThrow(/KEYLINE_OIDC_CLIENT_ID/);
  });
});

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

function toConfig(env: typeof oidcEnv) {
  return { issuer: env.KEYLINE_OIDC_ISSUER, clientId: env.KEYLINE_OIDC_CLIENT_ID, clientSecret: env.KEYLINE_OIDC_CLIENT_SECRET };
}
