import { describe, expect, it } from 'vitest';
import { describeExpiry, describeLastUse } from './token-times';

const now = new Date(2026, 2, 15, 12, 0, 0);
const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();

describe('describeLastUse', () => {
  it.each([
    ['Never used', null],
    ['just now', at(-0.01)],
    ['2 hours ago', at(-2)],
    ['3 days ago', at(-72)],
  ])('says %j', (expected, lastUsedAt) => {
    expect(describeLastUse(lastUsedAt, now)).toBe(expected);
  });
});

describe('describeExpiry', () => {
  it.each([
    [{ label: 'Expired', relative: '1 hour ago', tone: 'expired' }, at(-1)],
    [{ label: 'Expires today', relative: 'today', tone: 'urgent' }, at(6)],
    [{ label: 'Expires tomorrow', relative: 'tomorrow', tone: 'urgent' }, at(24)],
    [{ label: 'in 3 days', relative: 'in 3 days', tone: 'soon' }, at(72)],
    // Exactly a week out is "soon" for the banner, so for the colour too.
    [{ label: 'in 7 days', relative: 'in 7 days', tone: 'soon' }, at(7 * 24)],
    [{ label: 'in 12 days', relative: 'in 12 days', tone: 'normal' }, at(12 * 24)],
    [{ label: 'in 30 days', relative: 'in 30 days', tone: 'normal' }, at(30 * 24)],
  ])('gives %j', (expected, expiresAt) => {
    expect(describeExpiry(expiresAt, now)).toEqual(expected);
  });
});
