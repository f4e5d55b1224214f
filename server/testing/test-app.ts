import { afterAll, beforeAll, beforeEach } from 'vitest';
import { errorEnvelopeSchema } from '../../src/contract/errors';
import { csrfHeader } from '../../src/contract/headers';
import type { Policy } from '../../src/contract/policy';
import { createApiKeyResponseSchema, type CreateApiKeyRequest, type CreateApiKeyResponse } from '../../src/contract/tokens';
import type { Role, User } from '../../src/contract/users';
import { createApp, type AppConfig } from '../app';
import { observeWrites, type Database } from '../db/database';
import { insertUser } from '../db/users';
import { createDatabasePolicyStore, type PolicyStore } from '../policy/policy-store';
import type { Clock, Logger } from '../runtime';
import { hashPassword } from '../users/password';
import { openTestDatabase, truncateAll } from './test-db';
import { serviceAccountSchema, type ServiceAccountPermission } from '../../src/contract/service-accounts';

export const testStart = new Date('2030-01-15T12:00:00.000Z');

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private current = testStart.getTime();
  now = () => new Date(this.current);
  set(date: Date) {
    this.current = date.getTime();
  }
  advance(ms: number) {
    this.current += ms;
  }
}

// Cheap scrypt for test users: the parameters travel with the hash, so sign-in stays fast too.
const testScryptCost = { N: 1024, r: 8, p: 1 };

type RequestOptions = {
  method?: string;
  cookie?: string;
  bearer?: string;
  json?: unknown;
  headers?: Record<string, string>;
  /** Leave out `X-Requested-With: keyline`, which the SPA sends on every call (CSRF tests). */
  withoutCsrfHeader?: boolean;
};

export class TestApp {
  db!: Database;
  app!: ReturnType<typeof createApp>;
  readonly clock = new TestClock();
  readonly logs: unknown[][] = [];
  readonly logger: Logger = {
    info: (...args: unknown[]) => this.logs.push(args),
    warn: (...args: unknown[]) => this.logs.push(args),
    error: (...args: unknown[]) => this.logs.push(args),
  };

  /** Changes to the default policy for the current test; reset before each test. */
  policyOverrides: Partial<Policy> = {};
  readonly policies: PolicyStore = {
    // The stored policy (PUT /api/policy), with this test's overrides on top.
    get: async () => ({ ...(await createDatabasePolicyStore(this.db, this.config.tokenPrefix ?? 'kl').get()), ...this.policyOverrides }),
  };

  constructor(readonly config: AppConfig) {}

  request(path: string, { method = 'GET', cookie, bearer, json, headers = {}, withoutCsrfHeader = false }: RequestOptions = {}) {
    const allHeaders: Record<string, string> = withoutCsrfHeader ? {} : { [csrfHeader.name]: csrfHeader.value };
    Object.assign(allHeaders, headers);
    if (cookie) allHeaders.Cookie = cookie;
    if (bearer) allHeaders.Authorization = `Bearer ${bearer}`;
    // A Content-Type in `headers` wins, so tests can send a JSON body labelled as something else.
    if (json !== undefined) allHeaders['Content-Type'] ??= 'application/json';
    return this.app.request(path, {
      method,
      headers: allHeaders,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  }

  async createUser(username: string, { role = 'member', password = `${username}-password` }: { role?: Role; password?: string } = {}) {
    const user = await insertUser(this.db, {
      username,
      passwordHash: await hashPassword(password, testScryptCost),
      role,
      now: this.clock.now(),
    });
    if (!user) throw new Error(`User ${username} exists`);
    return { user, password };
  }

  /** Signs in through the API; returns the Cookie header value to send back. */
  async signIn(username: string, password = `${username}-password`): Promise<string> {
    const res = await this.request('/api/session', { method: 'POST', json: { username, password } });
    if (res.status !== 200) throw new Error(`Sign-in failed: ${res.status}`);
    const setCookie = res.headers.get('Set-Cookie') ?? '';
    return setCookie.split(';')[0] ?? '';
  }

  /**
   * A service account an admin (signed in with `adminCookie`) made, and a token of it: what a
   * resource server calls with (`permissions: ['introspect']` for introspection).
   */
  async createServiceAccountToken(
    adminCookie: string,
    { name, permissions = [], token = {} }: { name: string; permissions?: ServiceAccountPermission[]; token?: Partial<CreateApiKeyRequest> },
  ): Promise<CreateApiKeyResponse & { serviceAccountId: string }> {
    const res = await this.request('/api/service-accounts', { method: 'POST', cookie: adminCookie, json: { name, permissions } });
    if (res.status !== 201) throw new Error(`Service account failed: ${res.status} ${await res.text()}`);
    const serviceAccountId = serviceAccountSchema.parse(await res.json()).id;
    return { ...(await this.createToken(adminCookie, { name: `${name} token`, ...token, ownerId: serviceAccountId })), serviceAccountId };
  }

  /** A user signed in with a session: the usual starting point. */
  async signedInUser(username: string, role: Role = 'member'): Promise<{ user: User; cookie: string }> {
    const { user } = await this.createUser(username, { role });
    return { user, cookie: await this.signIn(username) };
  }

  async createToken(cookie: string, request: Partial<CreateApiKeyRequest> = {}): Promise<CreateApiKeyResponse> {
    const body = { name: 'CI deploy', environment: 'production', scopes: ['read:projects'], ...request };
    if (body.expiresAt === undefined && body.expiresInDays === undefined) body.expiresInDays = 30;
    const res = await this.request('/api/api-keys', { method: 'POST', cookie, json: body });
    if (res.status !== 201) throw new Error(`Create failed: ${res.status} ${await res.text()}`);
    return createApiKeyResponseSchema.parse(await res.json());
  }
}

/**
 * On PGlite the app runs as `npm start` runs it, with the database its own (credential cache and
 * in-memory rate-limit counts); on a Postgres server (DATABASE_URL) as several instances would, without.
 */
const testExclusiveDatabase = !process.env.DATABASE_URL;

/** One database per test file (from the template), emptied before every test. */
export function useTestApp(config: Partial<AppConfig> = {}): TestApp {
  const t = new TestApp({ hmacSecret: Buffer.alloc(32, 7), exclusiveDatabase: testExclusiveDatabase, ...config });
  beforeAll(async () => {
    const db = await openTestDatabase();
    // Tests write through t.db too (truncating, editing rows): the app's caches must hear those writes.
    t.db = t.config.exclusiveDatabase ? observeWrites(db) : db;
    t.app = createApp({ db: t.db, clock: t.clock, config: { ...t.config, logger: t.logger }, policies: t.policies });
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    // Rate limit counters are keyed by IP and user, not tied to users: emptied here, or one test's failures would limit the next.
    await t.db.exec('DELETE FROM rate_limit_counters');
    t.clock.set(testStart);
    t.logs.length = 0;
    t.policyOverrides = {};
  });
  afterAll(async () => {
    await t.db?.close();
  });
  return t;
}

/** The error envelope of a response, parsed with the contract. */
export async function errorOf(res: Response) {
  return errorEnvelopeSchema.parse(await res.json()).error;
}
