import type { Clock } from './context';
import type { Database } from './db/database';
import { addToWindow, countInWindow, type WindowCount } from './db/rate-limits';
import { ApiError } from './errors';

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
};

const minute = 60 * 1000;

export const defaultRateLimits: RateLimits = {
  bearerFailuresPerIp: { limit: 30, windowMs: minute },
  signInFailuresPerUsernameAndIp: { limit: 10, windowMs: minute },
  signInFailuresPerIp: { limit: 50, windowMs: minute },
  tokenCreationsPerUser: { limit: 30, windowMs: 60 * minute },
};

export type RateLimitName = keyof RateLimits;

const tooManyRequests = (windowEnd: Date, now: Date) =>
  new ApiError(429, 'rate_limit_error', 'Too many requests. Wait a moment, then try again.', undefined, {
    // Whole seconds until the window ends, at least one.
    'Retry-After': String(Math.max(1, Math.ceil((windowEnd.getTime() - now.getTime()) / 1000))),
  });

/** Fixed-window counters kept in the database, so every instance behind a load balancer sees the same counts. */
export function createRateLimiter(db: Database, clock: Clock, limits: RateLimits) {
  const window = (name: RateLimitName, key: string) => ({ bucket: name, key, windowMs: limits[name].windowMs, now: clock.now() });
  const exceeded = (name: RateLimitName, { count, windowEnd }: WindowCount, now: Date) => {
    if (count > limits[name].limit) throw tooManyRequests(windowEnd, now);
  };
  return {
    /** For limits on failures: refuses while the window is full, before the credential is even checked (no oracle). */
    async refuseWhenFull(name: RateLimitName, key: string) {
      const w = window(name, key);
      const current = await countInWindow(db, w);
      // Full means the next failure would go over: the check runs before the attempt it would count.
      exceeded(name, { ...current, count: current.count + 1 }, w.now);
    },
    /** Counts a failure; the caller answers it as usual, the next attempt meets the limit. */
    async recordFailure(name: RateLimitName, key: string) {
      await addToWindow(db, window(name, key));
    },
    /** Counts an attempt and refuses it when it goes over the limit (atomic: concurrent attempts cannot slip through). */
    async consume(name: RateLimitName, key: string) {
      const w = window(name, key);
      exceeded(name, await addToWindow(db, w), w.now);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
