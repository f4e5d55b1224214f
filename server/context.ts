import type { User } from '../src/contract/users';
import type { CredentialLookup } from './credential-cache';
import type { Database } from './db/database';
import type { PolicyStore } from './policy-store';
import type { RateLimiter } from './rate-limit';
import type { Clock, Logger } from './runtime';

/** Who is calling, and how they proved it. */
export type Caller =
  | { method: 'session'; user: User; sessionId: string }
  | { method: 'token'; user: User; apiKeyId: string; scopes: string[] };

/** What every route module is built from. */
export type AppDeps = {
  db: Database;
  clock: Clock;
  policies: PolicyStore;
  logger: Logger;
  hmacSecret: Buffer;
  tokenPrefix: string;
  secureCookies: boolean;
  rateLimiter: RateLimiter;
  /** Token credentials by digest: from memory when the database is this process's alone, else from the database. */
  credentials: CredentialLookup;
};

export type AppEnv = { Variables: { caller: Caller } };
