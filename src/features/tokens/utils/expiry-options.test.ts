import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../contract/policy';
import { formatDate } from '../../../lib/relative-time';
import {
  customDateBounds,
  daysFromNowLabel,
  endOfDay,
  expiryDate,
  expiryOptions,
  expiryRequest,
  toDateInputValue,
  validateCustomDate,
} from './expiry-options';

const sixtyDays = { ...defaultPolicy, maxLifetimeDays: 60 };

// Local noon, so the calendar-day arithmetic does not depend on the machine's time zone.
const now = new Date(2026, 2, 15, 12, 0, 0);

describe('expiryOptions', () => {
  it('offers 7/30/60/90 days with the policy default chosen', () => {
    expect(expiryOptions({ defaultLifetimeDays: 30, maxLifetimeDays: 365 })).toEqual({
      days: [7, 30, 60, 90],
      capped: false,
      defaultChoice: { kind: 'days', days: 30 },
    });
  });

  it('hides choices above the maximum and says so', () => {
    expect(expiryOptions({ defaultLifetimeDays: 30, maxLifetimeDays: 60 })).toMatchObject({ days: [7, 30, 60], capped: true });
  });

  it('adds an unusual default and never defaults above the maximum', () => {
    expect(expiryOptions({ defaultLifetimeDays: 45, maxLifetimeDays: 365 }).days).toEqual([7, 30, 45, 60, 90]);
    expect(expiryOptions({ defaultLifetimeDays: 30, maxLifetimeDays: 14 })).toMatchObject({
      days: [7, 14],
      defaultChoice: { kind: 'days', days: 14 },
    });
  });
});

describe('custom dates', () => {
  it('reads YYYY-MM-DD as the end of that local day and rejects impossible dates', () => {
    expect(endOfDay('2026-04-01')).toEqual(new Date(2026, 3, 1, 23, 59, 59, 999));
    expect(endOfDay('2026-02-30')).toBeNull();
    expect(endOfDay('soon')).toBeNull();
  });

  it('runs from tomorrow to the last allowed day', () => {
    expect(customDateBounds(now, 60)).toEqual({ min: '2026-03-16', max: toDateInputValue(new Date(2026, 4, 14, 12)) });
  });

  it('explains what is wrong with a date', () => {
    expect(validateCustomDate('', now, sixtyDays)).toBe('Pick the day the token should expire.');
    expect(validateCustomDate('2026-03-15', now, sixtyDays)).toBe('Pick a day after today.');
    expect(validateCustomDate('2026-12-01', now, sixtyDays)).toMatch(/at most 60 days/);
    expect(validateCustomDate('2026-04-01', now, sixtyDays)).toBeUndefined();
  });

  it('sends expiresInDays for a preset and the end of the day for a custom date, capped at the maximum', () => {
    expect(expiryRequest({ kind: 'days', days: 30 }, now, 365)).toEqual({ expiresInDays: 30 });
    expect(expiryRequest({ kind: 'custom', date: '2026-04-01' }, now, 365)).toEqual({
      expiresAt: new Date(2026, 3, 1, 23, 59, 59, 999).toISOString(),
    });
    const lastDay = customDateBounds(now, 60).max;
    expect(expiryDate({ kind: 'custom', date: lastDay }, now, 60)).toEqual(new Date(now.getTime() + 60 * 86_400_000));
  });

  it('has no expiry for a day past the limit, and names the last day the error allows', () => {
    const lastDay = customDateBounds(now, 60).max;
    const dayAfter = toDateInputValue(new Date(endOfDay(lastDay)!.getTime() + 1));
    expect(expiryDate({ kind: 'custom', date: dayAfter }, now, 60)).toBeNull();
    expect(validateCustomDate(dayAfter, now, sixtyDays)).toBe(`Tokens may live at most 60 days. Pick ${formatDate(endOfDay(lastDay)!)} or earlier.`);
  });

  it('counts calendar days from now', () => {
    expect(daysFromNowLabel(new Date(now.getTime() + 30 * 86_400_000), now)).toBe('in 30 days');
    expect(daysFromNowLabel(new Date(2026, 2, 16, 23, 59), now)).toBe('tomorrow');
  });
});
