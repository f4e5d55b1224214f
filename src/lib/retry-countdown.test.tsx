import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-client';
import { formatWait, rateLimitMessage, useRetryCountdown } from './retry-countdown';

const rateLimited = (retryAfter?: number) => new ApiError({ status: 429, type: 'rate_limit_error', message: 'Slow down.', retryAfter });

describe('useRetryCountdown', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    now = new Date(2026, 11, 1, 16, 11, 18).getTime();
  });
  afterEach(() => vi.useRealTimers());

  function tick(seconds: number) {
    act(() => {
      now += seconds * 1000;
      vi.advanceTimersByTime(seconds * 1000);
    });
  }

  it('counts a 429’s Retry-After down live, then lets the user try again', () => {
    const error = rateLimited(42);
    const { result } = renderHook(() => useRetryCountdown(error, clock));
    expect(result.current.waiting).toBe(true);
    expect(result.current.secondsLeft).toBe(42);
    expect(rateLimitMessage(result.current.retryAt!)).toBe('Too many attempts. You can try again at 4:12 PM.');
    tick(2);
    expect(result.current.secondsLeft).toBe(40);
    tick(40);
    expect(result.current).toMatchObject({ secondsLeft: 0, waiting: false });
  });

  it('has nothing to wait for without a rate limit, and starts again on a new refusal', () => {
    const { result, rerender } = renderHook(({ error }: { error: unknown }) => useRetryCountdown(error, clock), {
      initialProps: { error: new ApiError({ status: 500, type: 'api_error', message: 'Down.' }) as unknown },
    });
    expect(result.current).toEqual({ retryAt: null, secondsLeft: 0, waiting: false });
    rerender({ error: rateLimited(5) });
    expect(result.current.secondsLeft).toBe(5);
  });
});

describe('formatWait', () => {
  it('says seconds, then minutes and seconds', () => {
    expect(formatWait(42)).toBe('42 s');
    expect(formatWait(120)).toBe('2 min');
    expect(formatWait(722)).toBe('12 min 2 s');
  });
});
