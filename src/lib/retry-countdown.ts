import { useEffect, useState } from 'react';
import { isApiError } from './api-client';

const timeFormat = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });

/** When a rate-limited call may be tried again: `Retry-After` counted from when the error arrived. */
export function retryAtOf(error: unknown, now: number): number | null {
  if (!isApiError(error) || error.status !== 429) return null;
  // No Retry-After: a short wait, so the button is not enabled into the same refusal.
  return now + (error.retryAfter ?? 10) * 1000;
}

/** "Too many attempts. You can try again at 4:12 PM." — why, and when, as a time people can read at a glance. */
export function rateLimitMessage(retryAt: number): string {
  return `Too many attempts. You can try again at ${timeFormat.format(retryAt)}.`;
}

/** "42 s", "3 min 5 s": what a disabled "Try again" button counts down. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

type Countdown = {
  /** The wall-clock time the wait ends at (ms), or null when there is nothing to wait for. */
  retryAt: number | null;
  /** Whole seconds left, live; 0 once the wait is over. */
  secondsLeft: number;
  waiting: boolean;
};

/**
 * The one countdown behind every 429: from the error's `Retry-After`, ticking each second until the
 * wait is over. A new error (another refusal) starts a new wait. `clock` is injectable for tests.
 */
export function useRetryCountdown(error: unknown, clock: () => number = Date.now): Countdown {
  const [state, setState] = useState<{ error: unknown; retryAt: number | null }>(() => ({ error, retryAt: retryAtOf(error, clock()) }));
  // Derived when the error changes (during render, not in an effect: no frame shows the old wait).
  let retryAt = state.retryAt;
  if (state.error !== error) {
    retryAt = retryAtOf(error, clock());
    setState({ error, retryAt });
  }
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (retryAt === null) return;
    setNow(clock());
    const id = window.setInterval(() => {
      const at = clock();
      setNow(at);
      if (at >= retryAt) window.clearInterval(id);
    }, 1000);
    return () => window.clearInterval(id);
  }, [retryAt, clock]);
  const secondsLeft = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000));
  return { retryAt, secondsLeft, waiting: secondsLeft > 0 };
}
