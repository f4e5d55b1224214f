import { describe, expect, test } from 'vitest';
import type { DeviceRequest } from '../../../contract/device';
import { defaultPolicy, type Policy } from '../../../contract/policy';
import { expiryChoices, initialChoices, placeOfAddress } from './device-choices';

const request: DeviceRequest = {
  id: 'dev_1',
  userCode: 'WDJB-MJHT',
  clientName: 'keyline CLI',
  hostname: 'build-01',
  ip: '203.0.113.9',
  userAgent: null,
  createdAt: '2030-01-15T12:00:00.000Z',
  expiresAt: '2030-01-15T12:10:00.000Z',
  environment: null,
  scopes: [],
  expiresInDays: null,
  tokenName: 'CLI on build-01',
};

describe('initialChoices', () => {
  test('nothing asked for: the policy’s default environment and lifetime, no scopes ticked', () => {
    expect(initialChoices(request, defaultPolicy)).toEqual({ environment: defaultPolicy.defaultEnvironment, scopes: [], expiresInDays: 30 });
  });

  test('keeps what was asked within the policy, drops the rest', () => {
    const policy: Policy = { ...defaultPolicy, maxLifetimeDays: 90, allowedScopesByEnvironment: { production: ['read:projects'] } };
    const asked = { ...request, environment: 'production', scopes: ['read:projects', 'write:projects'], expiresInDays: 400 };
    expect(initialChoices(asked, policy)).toEqual({ environment: 'production', scopes: ['read:projects'], expiresInDays: 90 });
    expect(initialChoices({ ...asked, environment: 'moon' }, policy).environment).toBe(defaultPolicy.defaultEnvironment);
  });
});

test('expiryChoices stay within the maximum and include the current choice', () => {
  expect(expiryChoices({ ...defaultPolicy, maxLifetimeDays: 60, defaultLifetimeDays: 14 }, 45)).toEqual([7, 14, 30, 45, 60]);
});

test('placeOfAddress names only what the address itself says', () => {
  expect(placeOfAddress('127.0.0.1')).toBe('This computer');
  expect(placeOfAddress('::1')).toBe('This computer');
  expect(placeOfAddress('192.168.1.20')).toBe('A private network');
  expect(placeOfAddress('172.20.0.3')).toBe('A private network');
  expect(placeOfAddress('203.0.113.9')).toBeNull();
  expect(placeOfAddress(null)).toBeNull();
});
