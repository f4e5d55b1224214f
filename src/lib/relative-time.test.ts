import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time';

const now = new Date('2026-03-15T12:00:00Z');
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('formatRelativeTime', () => {
  it.each([
    ['now', -20_000],
    ['5 minutes ago', -5 * minute],
    ['3 hours ago', -3 * hour],
    ['yesterday', -day],
    ['3 days ago', -3 * day],
    ['in 12 days', 12 * day],
    ['in 12 days', 11.6 * day],
    ['in 30 days', 30 * day],
    ['in 2 months', 60 * day],
    ['in 3 months', 90 * day],
    ['2 years ago', -800 * day],
  ])('says %j', (expected, offsetMs) => {
    expect(formatRelativeTime(new Date(now.getTime() + offsetMs), now)).toBe(expected);
  });
});
