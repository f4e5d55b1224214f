import { describe, expect, test } from 'vitest';
import type { MemberEvent } from '../../../contract/members';
import { describeMemberEvent } from './describe-member-event';

const ada = { id: 'usr_ada', username: 'ada' };
const root = { id: 'usr_root', username: 'root' };
const event = (type: MemberEvent['type'], actor: MemberEvent['actor'], detail: string | null = null): MemberEvent => ({
  type,
  at: '2026-03-01T12:00:00.000Z',
  actor,
  detail,
});
const describeAda = (e: MemberEvent) => describeMemberEvent(e, ada.id);

describe('describeMemberEvent', () => {
  test('says how a person joined: through single sign-on, or by choosing a password', () => {
    expect(describeAda(event('joined', null, 'sso'))).toBe('Joined through single sign-on');
    expect(describeAda(event('joined', null))).toBe('Joined: chose a password');
  });

  test('someone single sign-on created was added by nobody: it says so rather than "added"', () => {
    expect(describeAda(event('added', null, 'member'))).toBe('Joined as a member on their first single sign-on');
    expect(describeAda(event('added', null, 'admin'))).toBe('Joined as an admin on their first single sign-on');
    expect(describeAda(event('added', root, 'admin'))).toBe('Added as an admin by root');
  });

  test('a role change names the admin, or single sign-on when the provider’s groups made it', () => {
    expect(describeAda(event('role_changed', root, 'admin'))).toBe('Made an admin by root');
    expect(describeAda(event('role_changed', null, 'member'))).toBe('Made a member by single sign-on (their groups at the provider)');
  });

  test('a password changed on My account is the person’s own, not a reset link', () => {
    expect(describeAda(event('password_changed', ada))).toBe('Changed their password');
    expect(describeAda(event('password_changed', null))).toBe('Password changed with a reset link');
    expect(describeAda(event('password_reset_issued', root))).toBe('Password reset link created by root');
  });

  test('the rest name who did it', () => {
    expect(describeAda(event('invited', root))).toBe('Invite link created by root');
    expect(describeAda(event('deactivated', root))).toBe('Deactivated by root');
    expect(describeAda(event('reactivated', root))).toBe('Reactivated by root');
  });
});
