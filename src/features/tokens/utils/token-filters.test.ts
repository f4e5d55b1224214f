import { describe, expect, it } from 'vitest';
import { defaultTokenListView, parseTokenListView, tokenListViewToParams, tokenListViewToQuery } from './token-filters';

const parse = (search: string, environments?: string[]) => parseTokenListView(new URLSearchParams(search), environments);

describe('parseTokenListView', () => {
  it('uses the defaults for an empty URL', () => {
    expect(parse('')).toEqual(defaultTokenListView);
  });

  it('reads every filter', () => {
    expect(parse('sort=name&order=desc&environment=production&status=all&q=deploy')).toEqual({
      sort: 'name',
      order: 'desc',
      environment: 'production',
      status: 'all',
      q: 'deploy',
    });
  });

  it('falls back to the defaults for values it does not know', () => {
    expect(parse('sort=owner&order=sideways&status=deleted&environment=%3Cscript%3E')).toEqual(defaultTokenListView);
  });

  it('takes a sort’s natural order when none is given', () => {
    expect(parse('sort=name')).toMatchObject({ sort: 'name', order: 'asc' });
  });

  it('drops an environment the policy does not have, once the policy is known', () => {
    expect(parse('environment=qa', ['development', 'production']).environment).toBe('');
    expect(parse('environment=qa').environment).toBe('qa');
  });
});

describe('tokenListViewToParams', () => {
  it('writes only what differs from the defaults', () => {
    expect(tokenListViewToParams(defaultTokenListView).toString()).toBe('');
    expect(tokenListViewToParams({ ...defaultTokenListView, q: '  ci ', environment: 'staging' }).toString()).toBe(
      'environment=staging&q=ci',
    );
  });

  it('round-trips through the URL', () => {
    const view = { status: 'revoked', environment: 'production', q: 'deploy', sort: 'expiresAt', order: 'desc' } as const;
    expect(parseTokenListView(tokenListViewToParams(view))).toEqual(view);
  });
});

describe('tokenListViewToQuery', () => {
  it('leaves out empty filters', () => {
    expect(tokenListViewToQuery(defaultTokenListView)).toEqual({ status: 'active', sort: 'createdAt', order: 'desc' });
  });
});
