import { describe, expect, it } from 'vitest';
import { summarizeScopes } from './summarize-scopes';

describe('summarizeScopes', () => {
  it('shows everything when there are at most three', () => {
    expect(summarizeScopes(['read:projects', 'write:projects'])).toEqual({
      shown: ['read:projects', 'write:projects'],
      hidden: [],
    });
  });

  it('keeps the first three and hides the rest', () => {
    expect(summarizeScopes(['a', 'b', 'c', 'd', 'e'])).toEqual({ shown: ['a', 'b', 'c'], hidden: ['d', 'e'] });
  });

  it('handles no scopes', () => {
    expect(summarizeScopes([])).toEqual({ shown: [], hidden: [] });
  });
});
