import { describe, expect, it } from 'vitest';
import { compactCount, seriesOf, sparklineLabel } from './sparkline-series';

const days = (last: number) => [...Array.from({ length: 13 }, () => 0), last];

describe('sparklineLabel', () => {
  it('counts the requests and names denials and rejections only when there were some', () => {
    expect(sparklineLabel({ calls: [...Array.from({ length: 12 }, () => 0), 40, 2], denied: days(3), rejected: days(0) })).toBe(
      '42 requests in the last 14 days, 3 denied',
    );
    expect(sparklineLabel({ calls: days(1), denied: days(0), rejected: days(1) })).toBe('1 request in the last 14 days, 1 rejected');
    expect(sparklineLabel({ calls: days(12345), denied: days(0), rejected: days(0) })).toBe('12,345 requests in the last 14 days');
    expect(sparklineLabel({ calls: days(0), denied: days(0), rejected: days(0) })).toBe('No requests in the last 14 days');
  });
});

describe('seriesOf', () => {
  it('picks a token out of a page’s answer, and nothing for a token the answer leaves out', () => {
    const list = { data: { a: days(4) }, denied: { a: days(1) }, rejected: { a: days(0) } };
    expect(seriesOf(list, 'a')).toEqual({ calls: days(4), denied: days(1), rejected: days(0) });
    expect(seriesOf(list, 'b')).toBeUndefined();
  });
});

describe('compactCount', () => {
  it('fits any count in a few characters', () => {
    expect(compactCount([999])).toBe('999');
    expect(compactCount([12_345])).toBe('12.3K');
    expect(compactCount([1_200_000, 5])).toBe('1.2M');
  });
});
