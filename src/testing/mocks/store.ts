import { defaultPolicy, type Policy } from '../../contract/policy';
import type { AccountSession } from '../../contract/account';
import type { Member } from '../../contract/members';
import { managesServiceAccount, type ServiceAccount } from '../../contract/service-accounts';
import type { ApiKey } from '../../contract/tokens';
import type { TokenUsage } from '../../contract/usage';
import type { User } from '../../contract/users';
import type { WebhookDelivery, WebhookEndpoint } from '../../contract/webhooks';
import { buildAccountSession, buildApiKey, buildUser, daysFromNow } from '../factories';

/** The signed-in account's password, in tests and on the demo's sign-in page. */
export const testPassword = 'correct horse battery staple';

/**
 * The in-memory "server" behind the handlers: state only. Tests arrange it directly;
 * `resetStore()` runs after each, and the demo replaces the tokens with a richer set.
 */
export const store = {
  user: buildUser({ id: 'usr_1', username: 'ada', role: 'member' }) as User,
  signedIn: true,
  apiKeys: [] as ApiKey[],
  /** The workspace policy every handler reads, so a test that narrows it sees reads, creates and rotates agree. */
  policy: defaultPolicy as Policy,
  /** People besides the signed-in user (Settings → Members); the signed-in user is always one of them. */
  people: [] as Member[],
  /** Where the signed-in user is signed in (My account → Security): this browser and the others. */
  accountSessions: [] as AccountSession[],
  /** Settings → Webhooks: the endpoints, and each one's deliveries (newest first) by endpoint id. */
  webhooks: [] as WebhookEndpoint[],
  webhookDeliveries: {} as Record<string, WebhookDelivery[]>,
  /** My account → Security → Email notices: what the signed-in user saved, and whether the server sends email. */
  notificationPreferences: { email: null as string | null, expiryEmails: true, emailEnabled: true },
  /** Usage per token id (the token's page); a token missing here has none. */
  usage: {} as Record<string, TokenUsage>,
  /** Settings → Service accounts: owners of tokens that are not people. */
  serviceAccounts: [] as ServiceAccount[],
};

/** This browser, and a phone elsewhere. */
const defaultAccountSessions = () => [
  buildAccountSession({
    id: 'ses_here',
    current: true,
    ip: '198.51.100.7',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    lastSeenAt: new Date().toISOString(),
  }),
  buildAccountSession({ id: 'ses_phone' }),
];

export function resetStore(): void {
  store.user = buildUser({ id: 'usr_1', username: 'ada', role: 'member' });
  store.signedIn = true;
  store.policy = defaultPolicy;
  store.people = [];
  store.accountSessions = defaultAccountSessions();
  store.webhooks = [];
  store.webhookDeliveries = {};
  store.notificationPreferences = { email: null, expiryEmails: true, emailEnabled: true };
  store.usage = {};
  store.serviceAccounts = [];
  store.apiKeys = [
    buildApiKey({
      id: 'key_cli',
      name: 'Laptop CLI',
      description: 'Local scripts',
      scopes: ['read:projects', 'write:projects'],
      hint: 'kl_dev_…a1B9',
    }),
    buildApiKey({
      id: 'key_deploy',
      name: 'Production deploy',
      environment: 'production',
      scopes: ['read:projects', 'read:workflows', 'write:workflows', 'read:deployments', 'write:deployments'],
      hint: 'kl_prod_…Zx42',
      createdAt: daysFromNow(-2),
      lastUsedAt: null,
    }),
  ];
}
resetStore();

/** Whether the signed-in user may list and create tokens of `ownerId`: their own, or a service account's they manage. */
export const managesTokensOf = (ownerId: string) =>
  ownerId === store.user.id || store.serviceAccounts.some((account) => account.id === ownerId && managesServiceAccount(store.user, account));

/** A token the signed-in user may rotate: their own, or one of a service account they manage. */
export const ownApiKey = (id: unknown) => store.apiKeys.find((key) => key.id === id && managesTokensOf(key.owner.id));

/** The signed-in user's tokens, whatever their status. */
export const ownApiKeys = () => store.apiKeys.filter((key) => key.owner.id === store.user.id);

/** A token the signed-in user may look at: their own, or any for an admin. */
export const visibleApiKey = (id: unknown) =>
  store.apiKeys.find((key) => key.id === id && (managesTokensOf(key.owner.id) || store.user.role === 'admin'));
