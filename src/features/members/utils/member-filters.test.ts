import { describe, expect, test } from 'vitest';
import { parseMemberFilters } from './member-filters';

describe('parseMemberFilters', () => {
  test('reads known filters from the URL and drops the rest', () => {
    expect(parseMemberFilters(new URLSearchParams('q= dana &role=admin&status=invited'))).toEqual({ q: 'dana', role: 'admin', status: 'invited' });
    expect(parseMemberFilters(new URLSearchParams('q=&role=owner&status=gone&extra=1'))).toEqual({});
  });

  test('a search longer than a username is cut to one', () => {
    expect(parseMemberFilters(new URLSearchParams(`q=${'a'.repeat(100)}`)).q).toHaveLength(64);
  });
});
