import { describe, expect, test } from 'vitest';
import { parseDuration, parseExpiryDays, relativeTime } from './durations';

describe('durations', () => {
  test.each([
    ['7d', 7 * 86_400_000],
    ['36h', 36 * 3_600_000],
    ['30m', 30 * 60_000],
    ['2w', 14 * 86_400_000],
    ['5', 5 * 86_400_000],
  ])('%s', (text, ms) => expect(parseDuration(text, '--within')).toBe(ms));

  test.each(['', '7x', '-1d', '1.5d', 'd', '7 d d', '9999999d'])('"%s" is a usage error naming the option', (text) => {
    expect(() => parseDuration(text, '--within')).toThrow(expect.objectContaining({ code: 'usage', message: expect.stringContaining('--within') }));
  });

  test('an expiry is whole days', () => {
    expect(parseExpiryDays('30d')).toBe(30);
    expect(parseExpiryDays('2w')).toBe(14);
    expect(() => parseExpiryDays('12h')).toThrow(/whole days/);
    expect(() => parseExpiryDays('0d')).toThrow(/whole days/);
  });

  test('relative time for people', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(relativeTime(new Date('2026-01-04T00:00:00Z'), now)).toBe('in 3 days');
    expect(relativeTime(new Date('2026-01-01T05:00:00Z'), now)).toBe('in 5 hours');
    expect(relativeTime(new Date('2025-12-30T00:00:00Z'), now)).toBe('2 days ago');
  });
});
