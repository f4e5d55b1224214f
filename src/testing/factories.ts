import { accountSessionSchema, type AccountSession } from '../contract/account';
import type { AdminApiKey } from '../contract/admin';
import { memberSchema, type Member } from '../contract/members';
import { apiKeySchema, type ApiKey } from '../contract/tokens';
import { apiKeyEventSchema, type ApiKeyEvent } from '../contract/lifecycle';
import { userSchema, type User } from '../contract/users';
import { webhookDeliverySchema, webhookEndpointSchema, type WebhookDelivery, type WebhookEndpoint } from '../contract/webhooks';

let sequence = 0;
const next = () => ++sequence;

/** A fixed point in time the factories build around, so tests can pass the same `now`. */
export const testNow = new Date('2026-03-15T12:00:00.000Z');

/** An ISO timestamp `days` from `testNow` (negative: in the past). */
export const daysFromNow = (days: number) => new Date(testNow.getTime() + days * 86_400_000).toISOString();

export function buildUser(overrides: Partial<User> = {}): User {
  const n = next();
  return userSchema.parse({ id: `usr_${n}`, username: `user${n}`, role: 'member', ...overrides });
}

/** An active development token of `user1`, made 10 days ago, used 3 days ago, expiring in 20 days. */
export function buildApiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  const n = next();
  return apiKeySchema.parse({
    id: `key_${n}`,
    name: `Token ${n}`,
    description: null,
    environment: 'development',
    scopes: ['read:projects'],
    hint: `kl_dev_…${String(n).padStart(4, '0')}`,
    status: 'active',
    createdAt: daysFromNow(-10),
    lastUsedAt: daysFromNow(-3),
    lastUsedIp: null,
    lastUsedUserAgent: null,
    expiresAt: daysFromNow(20),
    revokedAt: null,
    revokedBy: null,
    owner: { id: 'usr_1', username: 'ada' },
    rotation: null,
    ...overrides,
  });
}

/** An admin review row: by default it has used every scope it holds (no "uses only …" note). */
export function buildAdminApiKey(overrides: Partial<AdminApiKey> = {}): AdminApiKey {
  const { usedScopes, unusedScopes = [], ...key } = overrides;
  const apiKey = buildApiKey(key);
  return { ...apiKey, usedScopes: usedScopes ?? apiKey.scopes, unusedScopes };
}

/** A timeline event: `created` by `ada` at `testNow`, unless overridden. */
export function buildApiKeyEvent(overrides: Partial<ApiKeyEvent> = {}): ApiKeyEvent {
  return apiKeyEventSchema.parse({
    id: `evt_${next()}`,
    type: 'created',
    at: testNow.toISOString(),
    actor: null,
    ip: null,
    userAgent: null,
    client: null,
    count: 1,
    lastAt: null,
    gracePeriod: null,
    reason: null,
    leakUrl: null,
    via: null,
    ...overrides,
  });
}

/** An active member who signed in yesterday and has no live tokens. */
export function buildMember(overrides: Partial<Member> = {}): Member {
  const n = next();
  return memberSchema.parse({
    id: `usr_${n}`,
    username: `user${n}`,
    role: 'member',
    status: 'active',
    createdAt: daysFromNow(-30),
    lastSignInAt: daysFromNow(-1),
    liveTokens: 0,
    lastTokenUseAt: null,
    ...overrides,
  });
}

/** Another browser's session, signed in two days ago and seen an hour ago. */
export function buildAccountSession(overrides: Partial<AccountSession> = {}): AccountSession {
  const n = next();
  return accountSessionSchema.parse({
    id: `ses_${n}`,
    createdAt: daysFromNow(-2),
    lastSeenAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    ip: '203.0.113.9',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    current: false,
    ...overrides,
  });
}

/** An enabled endpoint that wants expiry and revocation events. */
export function buildWebhookEndpoint(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  const n = next();
  return webhookEndpointSchema.parse({
    id: `wh_${n}`,
    url: `https://hooks.example.com/keyline/${n}`,
    description: '',
    events: ['token.expiring', 'token.revoked'],
    enabled: true,
    createdAt: daysFromNow(-5),
    secretRotatedAt: null,
    ...overrides,
  });
}

/** A delivered test event, one attempt, 200 in 42 ms. */
export function buildWebhookDelivery(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  const n = next();
  return webhookDeliverySchema.parse({
    id: `whd_${n}`,
    messageId: `evt_${n}`,
    eventType: 'webhook.test',
    status: 'delivered',
    attempts: 1,
    createdAt: daysFromNow(-1),
    lastAttemptAt: daysFromNow(-1),
    nextAttemptAt: null,
    responseStatus: 200,
    latencyMs: 42,
    error: null,
    ...overrides,
  });
}
