import { describe, expect, it } from 'vitest';
import type { EventPayload } from './events';
import { emailNoticeKindOf, isEmailAddress, noticeAddressOf, sendsEmailNoticeTo } from './notification-preferences';

const owner = { id: 'usr_owner', username: 'ada', kind: 'person' as const };
const token = { id: 'key_1', name: 'CI', hint: 'kl_prod_…a1B9', environment: 'production', owner, scopes: [], expiresAt: '2030-01-01T00:00:00.000Z', lastUsedAt: null, url: 'https://k.example/t' };
const event = (type: EventPayload['type'], data: Partial<EventPayload['data']> = {}): EventPayload => ({ type, timestamp: '2030-01-01T00:00:00.000Z', data: { token, ...data } });
const admin = { id: 'usr_admin', username: 'root' };
const ownerPerson = { id: owner.id, username: owner.username };

describe('emailNoticeKindOf', () => {
  it.each([
    ['token.expiring', event('token.expiring', { expiring: { daysBefore: 7 } }), 'expiry'],
    ['token.expired', event('token.expired'), 'expiry'],
    ['token.leaked', event('token.leaked', { leak: { url: null, effect: 'revoked' } }), 'security'],
    ['revoked by an admin', event('token.revoked', { actor: admin, revocation: { cause: 'admin' } }), 'security'],
    ['revoked as its owner was deactivated', event('token.revoked', { actor: admin, revocation: { cause: 'owner_deactivated' } }), 'security'],
    ['revoked by its owner', event('token.revoked', { actor: ownerPerson, revocation: { cause: 'owner' } }), null],
    ['revoked for a leak (the leak email tells it)', event('token.revoked', { actor: null, revocation: { cause: 'leaked' } }), null],
    ['created', event('token.created', { actor: ownerPerson }), null],
    ['rotated', event('token.rotated', { actor: ownerPerson }), null],
    ['a person deactivated (no token)', { type: 'user.deactivated', timestamp: '2030-01-01T00:00:00.000Z', data: { user: ownerPerson } } as EventPayload, null],
  ] as const)('%s', (_, payload, kind) => {
    expect(emailNoticeKindOf(payload)).toBe(kind);
  });
});

describe('sendsEmailNoticeTo', () => {
  it('expiry reminders follow the person’s choice; security notices do not', () => {
    const off = { id: owner.id, expiryEmails: false };
    expect(sendsEmailNoticeTo(event('token.expiring', { expiring: { daysBefore: 30 } }), off)).toBe(false);
    expect(sendsEmailNoticeTo(event('token.expired'), off)).toBe(false);
    expect(sendsEmailNoticeTo(event('token.expired'), { ...off, expiryEmails: true })).toBe(true);
    expect(sendsEmailNoticeTo(event('token.revoked', { actor: admin, revocation: { cause: 'admin' } }), off)).toBe(true);
    expect(sendsEmailNoticeTo(event('token.leaked', { leak: { url: null, effect: 'revoked' } }), off)).toBe(true);
  });

  it('nobody is told of what they did themselves (a manager revoking a service account’s token)', () => {
    const revoked = event('token.revoked', { actor: admin, revocation: { cause: 'admin' } });
    expect(sendsEmailNoticeTo(revoked, { id: admin.id, expiryEmails: true })).toBe(false);
  });
});

describe('addresses', () => {
  it('the address given, else a username that is one, else none', () => {
    expect(noticeAddressOf({ username: 'ada', email: 'ada@example.com' })).toBe('ada@example.com');
    expect(noticeAddressOf({ username: 'ada@example.org', email: null })).toBe('ada@example.org');
    expect(noticeAddressOf({ username: 'ada', email: null })).toBeNull();
  });

  it.each(['ada', 'ada@example', '@example.com', 'a b@example.com', 'a@example.com, b@example.com', 'a@example.com\nBcc: b@x.io', 'a\u0000@example.com', '<a@example.com>', `${'a'.repeat(250)}@example.com`])(
    'refuses %j',
    (text) => expect(isEmailAddress(text)).toBe(false),
  );

  it.each(['ada@example.com', 'ada.lovelace+keys@mail.example.co.uk', 'ädä@exämple.de'])('accepts %j', (text) => expect(isEmailAddress(text)).toBe(true));
});
