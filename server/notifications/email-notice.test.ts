import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src/contract/events';
import { renderEmailNotice } from './email-notice';

const token = {
  id: 'key_1',
  name: '<b>Deploy</b>\r\nBcc: x@evil.example',
  hint: 'kl_prod_…a1B9',
  environment: 'production',
  owner: { id: 'usr_1', username: 'ada', kind: 'person' as const },
  scopes: ['read:projects'],
  expiresAt: '2030-02-01T09:30:00.000Z',
  lastUsedAt: '2030-01-20T08:00:00.000Z',
  url: 'https://keyline.example/account/integrations/tokens/key_1',
};
const message = (type: EventPayload['type'], data: Partial<EventPayload['data']> = {}): EventPayload => ({ type, timestamp: '2030-01-25T00:00:00.000Z', data: { token, ...data } });

describe('renderEmailNotice', () => {
  it('escapes what people typed in the HTML and keeps the subject on one line', () => {
    const email = renderEmailNotice(message('token.expiring', { expiring: { daysBefore: 7 } }));
    expect(email.subject).toBe('Your token “<b>Deploy</b> Bcc: x@evil.example” expires in 7 days');
    expect(email.html).not.toContain('<b>Deploy</b>');
    expect(email.html).toContain('&lt;b&gt;Deploy&lt;/b&gt;');
    expect(email.text).toContain('Last used: 2030-01-20 08:00 UTC');
    expect(email.text).toContain('Rotate it now: https://keyline.example/account/integrations/tokens/key_1?rotate=1');
    expect(email.text).toContain('Expiry reminders can be turned off at https://keyline.example/account/security;');
    expect(email.html).toContain('<a href="https://keyline.example/account/security"');
  });

  it('a leak of a replaced secret still in its grace: the token lives on, so the link rotates it and the place is named', () => {
    const email = renderEmailNotice(message('token.leaked', { leak: { url: 'https://github.com/acme/app/blob/main/.env', effect: 'grace_ended' } }));
    expect(email.text).toContain('A replaced secret of your token');
    expect(email.text).toContain('It was found at https://github.com/acme/app/blob/main/.env.');
    expect(email.text).toContain('?rotate=1');
  });

  it('a service account’s token says whose it is', () => {
    const email = renderEmailNotice({ ...message('token.expired'), data: { token: { ...token, name: 'Nightly', owner: { id: 'usr_sa', username: 'ci-bot', kind: 'service_account' } } } });
    expect(email.subject).toBe('The token “Nightly” of ci-bot has expired');
    expect(email.text).toContain('Service account: ci-bot');
  });

  it('a revocation because the owner was deactivated says so', () => {
    const email = renderEmailNotice(message('token.revoked', { actor: { id: 'usr_admin', username: 'root' }, revocation: { cause: 'owner_deactivated' } }));
    expect(email.text).toContain('was revoked because ada was deactivated.');
    expect(email.text).not.toContain('?rotate=1');
  });
});
