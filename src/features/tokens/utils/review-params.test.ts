import { describe, expect, it } from 'vitest';
import { defaultReviewState, isNarrowed, parseReviewParams, reviewStateToParams, reviewStateToQuery } from './review-params';

describe('review params', () => {
  it('round-trips through the URL and keeps the default page URL empty', () => {
    expect(reviewStateToParams(defaultReviewState).toString()).toBe('');
    const state = { ...defaultReviewState, view: 'unused-90' as const, owner: 'maria', sort: 'createdAt-desc' as const };
    expect(parseReviewParams(reviewStateToParams(state))).toEqual(state);
  });

  it('opens on the active tokens, and "All" means every status', () => {
    expect(reviewStateToQuery(parseReviewParams(new URLSearchParams()))).toEqual({ sort: 'lastUsedAt', order: 'asc', status: 'active' });
    expect(reviewStateToQuery(parseReviewParams(new URLSearchParams('view=all')))).toEqual({ sort: 'lastUsedAt', order: 'asc' });
    expect(isNarrowed(defaultReviewState)).toBe(true);
    expect(isNarrowed({ ...defaultReviewState, view: 'all' })).toBe(false);
  });

  it('falls back to defaults for unknown values', () => {
    expect(parseReviewParams(new URLSearchParams('view=bogus&sort=name-asc&status=zzz'))).toEqual(defaultReviewState);
  });

  it('turns a quick view into the server filters it stands for', () => {
    expect(reviewStateToQuery({ ...defaultReviewState, view: 'never-used', status: 'revoked' })).toEqual({
      sort: 'lastUsedAt',
      order: 'asc',
      status: 'active',
      neverUsed: true,
    });
    expect(reviewStateToQuery({ ...defaultReviewState, view: 'all', status: 'revoked', q: ' ci ', environment: 'production' })).toEqual({
      sort: 'lastUsedAt',
      order: 'asc',
      status: 'revoked',
      q: 'ci',
      environment: 'production',
    });
  });

  it('keeps the over-scoped filter in the URL and asks the server for it', () => {
    const params = reviewStateToParams({ ...defaultReviewState, overScoped: true });
    expect(params.toString()).toBe('overScoped=true');
    expect(parseReviewParams(params).overScoped).toBe(true);
    expect(parseReviewParams(new URLSearchParams('overScoped=yes')).overScoped).toBe(false);
    expect(reviewStateToQuery(parseReviewParams(params))).toEqual({ sort: 'lastUsedAt', order: 'asc', status: 'active', overScoped: true });
    expect(isNarrowed({ ...defaultReviewState, view: 'all', overScoped: true })).toBe(true);
  });
});
