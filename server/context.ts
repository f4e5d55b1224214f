import type { CredentialOwner } from '../src/contract/service-accounts';
import type { User } from '../src/contract/users';
import type { Database } from './db/database';
import type { RateLimiter } from './middleware/rate-limit';
import type { PolicyStore } from './policy/policy-store';
import type { Clock, Logger } from './runtime';
import type { CredentialLookup } from './tokens/credentials';
import type { UsageRecorder } from './tokens/usage';

/** Who is calling, and how they proved it. */
export type Caller =
  | { method: 'session'; user: User; sessionId: string }
  | { method: 'token'; user: CredentialOwner; apiKeyId: string; scopes: string[]; expiresAt: Date };

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
  /** Token usage counts, kept in memory and written in batches. */
  usage: UsageRecorder;
  /** The origin links handed out are built on (invites); null: the request's own origin. */
  publicUrl: string | null;
};

export type AppEnv = {
  Variables: {
    caller: Caller;
    /** The client's address: the socket's, or from `X-Forwarded-For` behind a trusted proxy; null without a socket. */
    clientIp: string | null;
  };
};
