/** How long Keyline keeps trying a delivery (and a redelivery) before calling it failed. */
export const retryWindowMs = 24 * 60 * 60 * 1000;

const firstRetryMs = 30_000;
const longestWaitMs = 6 * 60 * 60 * 1000;

/**
 * When to try again after `attempts` failed attempts: 30 s, 2 min, 8 min, 32 min, 2 h 8 min, then every
 * 6 h — or null once that would be past `giveUpAfter` (the delivery has then failed).
 */
export function nextAttemptAfter(attempts: number, now: Date, giveUpAfter: Date): Date | null {
  const wait = Math.min(firstRetryMs * 4 ** Math.max(0, attempts - 1), longestWaitMs);
  const next = new Date(now.getTime() + wait);
  return next.getTime() > giveUpAfter.getTime() ? null : next;
}
