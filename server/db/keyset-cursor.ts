import { isCalendarDate } from '../../src/contract/timestamp';

/*
 * What a keyset cursor may carry back into SQL. A cursor comes from the client, so it is checked
 * here as Postgres would check it: anything Postgres would refuse (a 13th month, a 25th hour, a NUL
 * in text) is not a cursor we made, and the route answers 400 rather than letting the query fail.
 */

// A timestamptz as Postgres prints it in a UTC session: `2030-01-15 12:00:00.123456+00`.
const timestampKeyPattern = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-](\d{2})(?::(\d{2}))?$/;

/** Whether `key` is a time Postgres printed (or `-infinity`, and `infinity` when the sort uses it). */
export function isTimestampKey(key: string, { infinity = false }: { infinity?: boolean } = {}): boolean {
  if (key === '-infinity' || (infinity && key === 'infinity')) return true;
  const match = timestampKeyPattern.exec(key);
  if (!match) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 8, 9].map((group) => Number(match[group] ?? 0)) as [
    number, number, number, number, number, number, number, number,
  ];
  return year >= 1 && isCalendarDate(year, month, day) && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 15 && offsetMinutes <= 59;
}

/** Whether `key` is text Postgres can hold (no NUL) of a sane length. */
export const isTextKey = (key: string) => key.length <= 400 && !key.includes('\u0000');

/** Whether `id` has the shape of a token id: what the tie-breaker compares against. */
export const isCursorId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id);
