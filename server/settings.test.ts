import { describe, expect, test } from 'vitest';
import { readSettings } from './settings';

const oidcEnv = { KEYLINE_OIDC_ISSUER: 'https://id.example.com', KEYLINE_OIDC_CLIENT_ID: 'keyline', KEYLINE_OIDC_CLIENT_SECRET: 's3cret' };

describe('single sign-on settings', () => {
  test('are off without an issuer', () => {
    expect(readSettings({}).oidc).toBeUndefined();
  });

  test('take the name and username claim, with defaults', () => {
    expect(readSettings(oidcEnv).oidc).toEqual({ ...toConfig(oidcEnv), name: 'SSO', usernameClaim: 'preferred_username' });
    expect(readSettings({ ...oidcEnv, KEYLINE_OIDC_NAME: ' Okta ', KEYLINE_OIDC_USERNAME_CLAIM: 'email' }).oidc).toMatchObject({ name: 'Okta', usernameClaim: 'email' });
  });

  test('create members on first sign-in only when told to, and only as members', () => {
    expect(readSettings({ ...oidcEnv, KEYLINE_OIDC_AUTO_CREATE: 'member' }).oidc?.autoCreate).toBe('member');
    expect(() => readSettings({ ...oidcEnv, KEYLINE_OIDC_AUTO_CREATE: 'admin' })).toThrow(/can only be "member"/);
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

function toConfig(env: typeof oidcEnv) {
  return { issuer: env.KEYLINE_OIDC_ISSUER, clientId: env.KEYLINE_OIDC_CLIENT_ID, clientSecret: env.KEYLINE_OIDC_CLIENT_SECRET };
}
