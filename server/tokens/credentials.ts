import type { ApiKeyStatus } from '../../src/contract/tokens';
import type { CredentialOwner } from '../../src/contract/service-accounts';
import { statusOf } from '../db/api-keys';
import { findTokenRecord, findTokenRecordWithWindowCount, lastUseThrottleMs, tokenUseStatements, type TokenRecord } from '../db/credentials';
import type { Database, ObservedDatabase, Queryable } from '../db/database';
import type { RateWindow, WindowCount } from '../db/rate-limits';

// The credential behind a presented secret: what it allows at a given time, and where it is found —
// the database each time, or a cache for a process that is its database's only user.

export type TokenCredential = {
  apiKeyId: string;
  digest: Uint8Array;
  scopes: string[];
  expiresAt: Date;
  environment: string;
  createdAt: Date;
  /** When this secret stops working: the token's expiry, or sooner for a replaced secret in its grace period. */
  validUntil: Date;
  /** The token's status. */
  status: ApiKeyStatus;
  /** The token's owner, with its kind and (for a service account) permissions: what introspection checks. */
  user: CredentialOwner;
  /** Which secret matched: the current one, or the one the last rotate replaced. */
  matched: 'current' | 'previous';
  /** For a previous secret: whether its grace period is still running. */
  previousValid: boolean;
  neverUsed: boolean;
  /** Last use was recorded less than a minute ago: the throttled write would change nothing. */
  usedWithinThrottle: boolean;
};

/** Status is derived at the time of the call, so expiry and grace periods need no invalidation. */
export function credentialAt(record: TokenRecord, now: Date): TokenCredential {
  const nowMs = now.getTime();
  return {
    apiKeyId: record.apiKeyId,
    digest: record.digest,
    scopes: record.scopes,
    expiresAt: record.expiresAt,
    environment: record.environment,
    createdAt: record.createdAt,
    validUntil:
      record.previousValidUntil && record.previousValidUntil < record.expiresAt ? record.previousValidUntil : record.expiresAt,
    status: statusOf({ revoked_at: record.revokedAt, expires_at: record.expiresAt }, now),
    user: record.user,
    matched: record.matched,
    previousValid: record.previousValidUntil !== null && record.previousValidUntil.getTime() > nowMs,
    neverUsed: record.lastUsedAt === null,
    // The conditional UPDATE stays the guard across instances; this only skips a statement
    // that would change nothing, on the hot path every CI job takes.
    usedWithinThrottle: record.lastUsedAt !== null && nowMs - record.lastUsedAt.getTime() < lastUseThrottleMs,
  };
}

export async function findTokenCredential(db: Queryable, digest: Buffer, now: Date): Promise<TokenCredential | null> {
  const record = await findTokenRecord(db, digest);
  return record && credentialAt(record, now);
}

/** What a lookup found: the credential, and the count of the window asked for alongside when it was read with it. */
export type CredentialFound = { credential: TokenCredential | null; windowCount: WindowCount | null };

/** Where authentication finds the credential behind a secret's digest. */
export type CredentialLookup = {
  /** The credential as of `now`, or null when no current or previous secret has this digest. */
  find(digest: Buffer, now: Date): Promise<TokenCredential | null>;
  /**
   * `find`, with a rate-limit window the caller checks anyway (`alongside`): a lookup that is a query
   * reads its count in the same statement (a bearer call is then one round trip); one that needs no
   * query, or no window given, leaves it null.
   */
  findWithWindow(digest: Buffer, now: Date, alongside: RateWindow | undefined): Promise<CredentialFound>;
  /** After the throttled last-used write for this digest: `wrote` says whether it changed the row. */
  noteUse(digest: Buffer, now: Date, wrote: boolean): void;
};

/** Every lookup asks the database: right when other processes share it (a Postgres server). */
export const databaseCredentialLookup = (db: Database): CredentialLookup => ({
  find: (digest, now) => findTokenCredential(db, digest, now),
  async findWithWindow(digest, now, alongside) {
    if (!alongside) return { credential: await findTokenCredential(db, digest, now), windowCount: null };
    const { record, windowCount } = await findTokenRecordWithWindowCount(db, digest, alongside);
    return { credential: record && credentialAt(record, now), windowCount };
  },
  noteUse: () => undefined,
});

// The tables a credential is read from: a write that mentions none of them cannot change one.
const credentialTables = /\b(api_keys|api_key_previous_secrets|users|service_accounts)\b/i;

/**
 * Credentials kept in memory, for a process that is its database's only user (PGlite under the
 * data-dir lock), over the app's observed database. It stays right without any route's help: every statement written through `db`
 * that mentions a credential table empties the whole cache (revoke, rotate, cut-off, renew, an
 * admin's bulk revoke, a user change — and any write added later), except the token-use
 * bookkeeping in `tokenUseStatements`, whose only effect on a credential (the last use) the cache
 * records itself. Time-dependent state (expiry, grace periods, the last-use throttle) is worked
 * out at each call from the kept timestamps, with the caller's clock.
 *
 * Only secrets that exist are kept, at most `maxEntries` of them (oldest out first): guessing
 * unknown digests cannot grow it.
 */
export function createCredentialCache(db: ObservedDatabase, { maxEntries = 10_000 } = {}): CredentialLookup {
  const records = new Map<string, TokenRecord>();
  // Bumped by every write that empties the cache: a read that started before it must not be kept.
  let generation = 0;
  db.onWrite((sql) => {
    if (tokenUseStatements.has(sql) || !credentialTables.test(sql)) return;
    generation += 1;
    records.clear();
  });
  const keyOf = (digest: Buffer) => digest.toString('base64');

  const find = async (digest: Buffer, now: Date): Promise<TokenCredential | null> => {
      const key = keyOf(digest);
      let record = records.get(key);
      if (!record) {
        const readAt = generation;
        const found = await findTokenRecord(db, digest);
        if (!found) return null;
        record = found;
        if (readAt === generation) {
          if (records.size >= maxEntries) records.delete(records.keys().next().value as string);
          records.set(key, record);
        }
      }
      return credentialAt(record, now);
  };

  return {
    find,
    // From memory: the window's count is the rate limiter's to read (from memory too).
    findWithWindow: async (digest, now) => ({ credential: await find(digest, now), windowCount: null }),
    noteUse(digest, now, wrote) {
      const key = keyOf(digest);
      const record = records.get(key);
      if (!record) return;
      // Not written: someone recorded a use since this was read, so the kept time is stale; read again.
      if (wrote) record.lastUsedAt = now;
      else records.delete(key);
    },
  };
}
