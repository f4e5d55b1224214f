import type { MemberEvent } from '../../../contract/members';

const asRole = (detail: string | null) => (detail === 'admin' ? 'an admin' : 'a member');

/**
 * One line of a person's history: what was done and by whom. An event with no actor was done by no
 * admin: the person themselves through a link, or single sign-on (their first sign-in, or a role that
 * follows the provider's groups). `subjectId` is the person whose history it is, to tell "changed their
 * own password" from a change by someone else.
 */
export function describeMemberEvent(event: MemberEvent, subjectId: string): string {
  const by = event.actor ? ` by ${event.actor.username}` : '';
  switch (event.type) {
    case 'added':
      return event.actor ? `Added as ${asRole(event.detail)}${by}` : `Joined as ${asRole(event.detail)} on their first single sign-on`;
    case 'invited':
      return `Invite link created${by}`;
    case 'joined':
      return event.detail === 'sso' ? 'Joined through single sign-on' : 'Joined: chose a password';
    case 'role_changed':
      return event.actor ? `Made ${asRole(event.detail)}${by}` : `Made ${asRole(event.detail)} by single sign-on (their groups at the provider)`;
    case 'deactivated':
      return `Deactivated${by}`;
    case 'reactivated':
      return `Reactivated${by}`;
    case 'password_reset_issued':
      return `Password reset link created${by}`;
    case 'password_changed':
      if (!event.actor) return 'Password changed with a reset link';
      return event.actor.id === subjectId ? 'Changed their password' : `Password changed${by}`;
  }
}
