import type { Database, ObservedDatabase } from '../db/database';
import { addToWindow, countInWindow, type RateWindow, type WindowCount } from '../db/rate-limits';
import { ApiError } from '../errors';
import type { Clock } from '../runtime';

export type RateLimit = { limit: number; windowMs: number };

export type RateLimits = {
  /** Wrong, malformed, revoked or expired bearer tokens from one IP: slows down secret guessing. */
  bearerFailuresPerIp: RateLimit;
  /** Failed sign-ins for one username from one IP: slows down password guessing without letting anyone lock out a user from elsewhere. */
  signInFailuresPerUsernameAndIp: RateLimit;
  /** Failed sign-ins from one IP across usernames: slows down password spraying. */
  signInFailuresPerIp: RateLimit;
  /** Tokens created or rotated by one user: every one is a new live secret. */
  tokenCreationsPerUser: RateLimit;
  /**
   * "Test a token" checks from one IP, every one counted: each answer says whether a guessed secret
   * is real, so the endpoint is limited like failed bearer attempts.
   */
  tokenChecksPerIp: RateLimit;
  /** Unknown, spent or expired invite codes from one IP: a code is unguessable, this keeps it so. */
  inviteFailuresPerIp: RateLimit;
  /** Device logins started from one IP: each is a row and a code someone may be talked into approving. */
  deviceCodesPerIp: RateLimit;
  /** Unknown device codes polled from one IP: the code is unguessable, this keeps it so. */
  deviceTokenFailuresPerIp: RateLimit;
  /** Wrong user codes entered by one person: the short code is guessable only at this pace (RFC 8628 §5.1). */
  deviceUserCodeFailuresPerUser: RateLimit;
  /**
   * Wrong current passwords on a password change, per person: a borrowed session must not become a
   * way to guess the password past the sign-in limits. Per person, not per IP: only the session's holder counts here.
   */
  passwordChangeFailuresPerUser: RateLimit;
  /** Leaked-token reports from one IP, every one counted: the same answer for all, but each costs a digest and a lookup. */
  revokeLeakedPerIp: RateLimit;
  /** Single sign-ons started from one IP, every one counted: each is a row and a trip to the provider. */
  ssoStartsPerIp: RateLimit;
  /** Returns from the provider to one IP, every one counted: each may cost a call to the provider's token endpoint. */
  ssoCallbacksPerIp: RateLimit;
  /**
   * Introspection calls per calling token: keeps one runaway gateway from taking the service from
   * the others. Counted in each process's memory (see `consumeLocally`), so it costs no write on the hot path.
   */
  introspectionsPerCaller: RateLimit;
};

const minute = 60 * 1000;

export const defaultRateLimits: RateLimits = {
  bearerFailuresPerIp: { limit: 30, windowMs: minute },
  signInFailuresPerUsernameAndIp: { limit: 10, windowMs: minute },
  signInFailuresPerIp: { limit: 50, windowMs: minute },
  tokenCreationsPerUser: { limit: 30, windowMs: 60 * minute },
  tokenChecksPerIp: { limit: 30, windowMs: minute },
  inviteFailuresPerIp: { limit: 20, windowMs: minute },
  deviceCodesPerIp: { limit: 20, windowMs: minute },
  deviceTokenFailuresPerIp: { limit: 30, windowMs: minute },
  deviceUserCodeFailuresPerUser: { limit: 10, windowMs: 10 * minute },
  passwordChangeFailuresPerUser: { limit: 10, windowMs: minute },
  revokeLeakedPerIp: { limit: 30, windowMs: minute },
  ssoStartsPerIp: { limit: 30, windowMs: minute },
  ssoCallbacksPerIp: { limit: 30, windowMs: minute },
  introspectionsPerCaller: { limit: 60_000, windowMs: minute },
};

export type RateLimitName = keyof RateLimits;

const tooManyRequests = (windowEnd: Date, now: Date) =>
  new ApiError(429, 'rate_limit_error', 'Too many requests. Wait a moment, then try again.', undefined, {
    // Whole seconds until the window ends, at least one.
    'Retry-After': String(Math.max(1, Math.ceil((windowEnd.getTime() - now.getTime()) / 1000))),
  });

/**
 * Fixed-window counters kept in the database, so every instance behind a load balancer sees the same counts.
 * `observed`: the app's observed database, given when this process is the database's only user
 * (PGlite under the data-dir lock). The counts it last read or wrote then stay right until a write
 * it hears says otherwise: checks are answered from memory (a bearer call then costs no query).
 * Never with a database that other processes share.
 */
export function createRateLimiter(
  database: Database,
  clock: Clock,
  limits: RateLimits,
  { observed = null }: { observed?: ObservedDatabase | null } = {},
) {
  const db = observed ?? database;
  const counts = observed ? rememberedCounts(observed) : null;
  const window = (name: RateLimitName, key: string) => ({ bucket: name, key, windowMs: limits[name].windowMs, now: clock.now() });
  const exceeded = (name: RateLimitName, { count, windowEnd }: WindowCount, now: Date) => {
    if (count > limits[name].limit) throw tooManyRequests(windowEnd, now);
  };
  const add = async (w: RateWindow) => {
    const added = await addToWindow(db, w);
    counts?.remember(w, added);
    return added;
  };
  /**
   * A failure limit checked together with the lookup it guards: `window` is what to read alongside it,
   * `refuseWhenFull` takes the count read there (null: read it now, from memory or the database). The
   * refusal still comes before anything about the credential is answered or recorded.
   */
  const failureGate = (name: RateLimitName, key: string): FailureGate => {
    const w = window(name, key);
    return {
      window: counts ? undefined : w,
      async refuseWhenFull(read) {
        const current = read ?? (counts ? await counts.read(w) : await countInWindow(db, w));
        // Full means the next failure would go over: the check runs before the attempt it would count.
        exceeded(name, { ...current, count: current.count + 1 }, w.now);
      },
    };
  };
  const local = new Map<string, { windowEnd: number; count: number }>();
  return {
    /**
     * Counts an attempt in this process's memory and refuses it over the limit: for limits that protect
     * capacity rather than secrets, where a write per request would cost more than it guards. With
     * several instances each counts its own share, so the limit is per instance.
     */
    consumeLocally(name: RateLimitName, key: string) {
      const { windowMs } = limits[name];
      const now = clock.now();
      const windowEnd = Math.floor(now.getTime() / windowMs) * windowMs + windowMs;
      const mapKey = `${name}\u0000${key}`;
      let kept = local.get(mapKey);
      if (!kept || kept.windowEnd !== windowEnd) {
        // Bounded: past 10,000 callers in one window, start over (costs only leniency).
        if (!kept && local.size >= 10_000) local.clear();
        kept = { windowEnd, count: 0 };
        local.set(mapKey, kept);
      }
      kept.count += 1;
      exceeded(name, { count: kept.count, windowEnd: new Date(windowEnd) }, now);
    },
    /** For limits on failures: refuses while the window is full, before the credential is even checked (no oracle). */
    async refuseWhenFull(name: RateLimitName, key: string) {
      await failureGate(name, key).refuseWhenFull(null);
    },
    failureGate,
    /** Counts a failure; the caller answers it as usual, the next attempt meets the limit. */
    async recordFailure(name: RateLimitName, key: string) {
      await add(window(name, key));
    },
    /** Counts an attempt and refuses it when it goes over the limit (atomic: concurrent attempts cannot slip through). */
    async consume(name: RateLimitName, key: string) {
      const w = window(name, key);
      exceeded(name, await add(w), w.now);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** See `failureGate` in `createRateLimiter`. `window` is undefined where counts are answered from memory. */
export type FailureGate = { window: RateWindow | undefined; refuseWhenFull(read: WindowCount | null): Promise<void> };

/**
 * The current window's count per counter, as this process last read or wrote it. Any write to the
 * counters table forgets them all (the process's own increments included: each then remembers the
 * count it returned), so a count kept here is one no statement has changed since. Bounded: past
 * `maxKeys` counters (many IPs) it starts over, which costs only reads.
 */
function rememberedCounts(db: ObservedDatabase, maxKeys = 10_000) {
  const known = new Map<string, { windowEnd: number; count: number }>();
  let generation = 0;
  db.onWrite((sql) => {
    if (!/\brate_limit_counters\b/i.test(sql)) return;
    generation += 1;
    known.clear();
  });
  const keyOf = (w: RateWindow) => `${w.bucket}\u0000${w.key}`;
  const keep = (w: RateWindow, { count, windowEnd }: WindowCount) => {
    const key = keyOf(w);
    const kept = known.get(key);
    // Within one window a count only grows: an older answer that arrives late must not lower it.
    if (kept && kept.windowEnd === windowEnd.getTime() && kept.count >= count) return;
    if (!kept && known.size >= maxKeys) known.clear();
    known.set(key, { windowEnd: windowEnd.getTime(), count });
  };
  return {
    async read(w: RateWindow): Promise<WindowCount> {
      const kept = known.get(keyOf(w));
      // Windows are aligned, so a kept count belongs to the current window when it ends at the same time.
      if (kept && kept.windowEnd > w.now.getTime() && kept.windowEnd - w.windowMs <= w.now.getTime()) {
        return { count: kept.count, windowEnd: new Date(kept.windowEnd) };
      }
      const readAt = generation;
      const current = await countInWindow(db, w);
      if (readAt === generation) keep(w, current);
      return current;
    },
    remember: keep,
  };
}
