import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../contract/policy';
import { createApiKeyRequestSchema } from '../../../contract/tokens';
import {
  createTokenFormErrors,
  initialFormValues,
  mapApiFieldErrors,
  toCreateRequest,
  type CreateTokenFormValues,
} from './create-token-form';

const now = new Date(2026, 2, 15, 12);
const start = initialFormValues(defaultPolicy, { kind: 'days', days: 30 });
const valid: CreateTokenFormValues = { ...start, name: '  CI deploy  ', access: { deployments: 'write' } };

describe('the create form', () => {
  it('starts with nothing chosen and the policy defaults, missing only a name and a scope', () => {
    expect(start).toEqual({ name: '', description: '', environment: 'development', access: {}, expiry: { kind: 'days', days: 30 } });
    expect(createTokenFormErrors(start, defaultPolicy, now)).toEqual({ name: 'Enter a name.', access: 'Choose at least one scope.' });
  });

  it('builds the request once a name and a scope are there, one the contract accepts', () => {
    expect(createTokenFormErrors(valid, defaultPolicy, now)).toEqual({});
    const request = toCreateRequest(valid, defaultPolicy, now);
    expect(request).toEqual({
      name: 'CI deploy',
      environment: 'development',
      scopes: ['read:deployments', 'write:deployments'],
      expiresInDays: 30,
    });
    expect(createApiKeyRequestSchema.safeParse(request).success).toBe(true);
  });

  it('starts from a prefill: its environment, and its scopes as far as that environment offers them', () => {
    const policy = { ...defaultPolicy, allowedScopesByEnvironment: { production: ['read:projects', 'read:security'] } };
    const prefill = { name: 'Deploy', environment: 'production', scopes: ['read:projects', 'write:projects', 'read:security'] };
    expect(initialFormValues(policy, { kind: 'days', days: 30 }, prefill)).toEqual({
      name: 'Deploy',
      description: '',
      environment: 'production',
      access: { projects: 'read', security: 'read' },
      expiry: { kind: 'days', days: 30 },
    });
    expect(initialFormValues(policy, { kind: 'days', days: 30 }, { ...prefill, environment: 'qa' }).environment).toBe('development');
  });

  it('explains a name that is too long or blank', () => {
    expect(createTokenFormErrors({ ...valid, name: 'x'.repeat(101) }, defaultPolicy, now)).toEqual({
      name: 'A name has at most 100 characters.',
    });
    expect(createTokenFormErrors({ ...valid, name: '   ' }, defaultPolicy, now).name).toBe('Enter a name.');
  });

  it('limits the description and leaves an empty one out', () => {
    expect(createTokenFormErrors({ ...valid, description: 'x'.repeat(501) }, defaultPolicy, now).description).toMatch(/500/);
    expect(toCreateRequest({ ...valid, description: ' For CI ' }, defaultPolicy, now).description).toBe('For CI');
  });

  it('refuses scopes the environment does not allow', () => {
    const policy = { ...defaultPolicy, allowedScopesByEnvironment: { development: ['read:projects'] } };
    expect(createTokenFormErrors(valid, policy, now)).toEqual({ access: 'Choose at least one scope.' });
  });

  it('says what the server says about an environment or a lifetime the policy does not allow', () => {
    expect(createTokenFormErrors({ ...valid, environment: 'moon' }, defaultPolicy, now).environment).toBe(
      'Choose one of: development, staging, production.',
    );
    const shortLived = { ...defaultPolicy, maxLifetimeDays: 60 };
    expect(createTokenFormErrors({ ...valid, expiry: { kind: 'days', days: 90 } }, shortLived, now)).toEqual({
      expiry: 'Tokens may live at most 60 days.',
    });
    expect(createTokenFormErrors({ ...valid, expiry: { kind: 'custom', date: '2026-12-01' } }, shortLived, now).expiry).toMatch(
      /^Tokens may live at most 60 days\. Pick /,
    );
  });
});

describe('mapApiFieldErrors', () => {
  it('puts each API field under its input and keeps the rest for the form', () => {
    expect(mapApiFieldErrors({ name: 'Taken.', expiresAt: 'Too late.', scopes: 'Not here.', owner: 'Odd.' })).toEqual({
      errors: { name: 'Taken.', expiry: 'Too late.', access: 'Not here.' },
      other: ['Odd.'],
    });
  });
});
