import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider for the tests (oidc-provider, a certified implementation) on a
 * loopback port. Its own development pages do the signing in: any login with any password; the
 * login is the account's subject, and its username claim is the login too unless `usernames` says
 * otherwise (another account claiming someone's username).
 */
export type TestProviderOptions = {
  port?: number;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** login → preferred_username, when the two differ. */
  usernames?: Record<string, string>;
  /** login → the `groups` claim (with the profile scope); logins not listed get no such claim. Read at each sign-in, so a test may change it. */
  groups?: Record<string, string[]>;
};

export type TestProvider = { issuer: string; close: () => Promise<void> };

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        preferred_username: options.usernames?.[id] ?? id,
        email: `${id}@example.test`,
        ...(options.groups?.[id] ? { groups: options.groups[id] } : {}),
      }),
    }),
    claims: { openid: ['sub'], profile: ['preferred_username', 'groups'], email: ['email'] },
    cookies: { keys: ['keyline-test-provider-cookies'] },
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
