import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../contract/policy';
import { initialFormValues, mapApiFieldErrors, validateCreateTokenForm, type CreateTokenFormValues } from './create-token-form';

const now = new Date(2026, 2, 15, 12);
const start = initialFormValues(defaultPolicy, { kind: 'days', days: 30 });
const valid: CreateTokenFormValues = { ...start, name: '  CI deploy  ', access: { deployments: 'write' } };

describe('validateCreateTokenForm', () => {
  it('starts with nothing chosen and the policy defaults', () => {
    expect(start).toEqual({ name: '', description: '', environment: 'development', access: {}, expiry: { kind: 'days', days: 30 } });
    expect(validateCreateTokenForm(start, defaultPolicy, now)).toEqual({ errors: {}, request: null });
  });

  it('builds the request once a name and a scope are there', () => {
    expect(validateCreateTokenForm(valid, defaultPolicy, now).request).toEqual({
      name: 'CI deploy',
      environment: 'development',
      scopes: ['read:deployments', 'write:deployments'],
      expiresInDays: 30,
    });
  });

  it('explains a name that is too long or blank', () => {
    expect(validateCreateTokenForm({ ...valid, name: 'x'.repeat(101) }, defaultPolicy, now)).toEqual({
      errors: { name: 'A name has at most 100 characters.' },
      request: null,
    });
    expect(validateCreateTokenForm({ ...valid, name: '   ' }, defaultPolicy, now).errors.name).toBe('Enter a name.');
  });

  it('limits the description and leaves an empty one out', () => {
    expect(validateCreateTokenForm({ ...valid, description: 'x'.repeat(501) }, defaultPolicy, now).errors.description).toMatch(/500/);
    expect(validateCreateTokenForm({ ...valid, description: ' For CI ' }, defaultPolicy, now).request?.description).toBe('For CI');
  });

  it('refuses scopes the environment does not allow', () => {
    const policy = { ...defaultPolicy, allowedScopesByEnvironment: { development: ['read:projects'] } };
    expect(validateCreateTokenForm(valid, policy, now).request).toBeNull();
  });
});

describe('mapApiFieldErrors', () => {
  it('puts each API field under its input and keeps the rest for the form', () => {
    expect(mapApiFieldErrors({ name: 'Taken.', expiresAt: 'Too late.', owner: 'Odd.' })).toEqual({
      errors: { name: 'Taken.', expiry: 'Too late.' },
      other: ['Odd.'],
    });
  });
});
