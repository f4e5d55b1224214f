import { describe, expect, test } from 'vitest';
import { removesLastAdmin } from './members';

describe('removesLastAdmin', () => {
  const admin = { role: 'admin', status: 'active' } as const;

  test('the only active admin can be neither demoted nor deactivated', () => {
    expect(removesLastAdmin(admin, { role: 'member' }, 1)).toBe(true);
    expect(removesLastAdmin(admin, { status: 'deactivated' }, 1)).toBe(true);
  });

  test('with another active admin, either is fine; a change that keeps them an active admin always is', () => {
    expect(removesLastAdmin(admin, { role: 'member' }, 2)).toBe(false);
    expect(removesLastAdmin(admin, { role: 'admin', status: 'active' }, 1)).toBe(false);
  });

  test('members and deactivated admins are never the last admin', () => {
    expect(removesLastAdmin({ role: 'member', status: 'active' }, { status: 'deactivated' }, 1)).toBe(false);
    expect(removesLastAdmin({ role: 'admin', status: 'deactivated' }, { role: 'member' }, 1)).toBe(false);
  });
});
