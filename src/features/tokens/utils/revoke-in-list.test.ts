import { describe, expect, it } from 'vitest';
import type { ApiKeyList } from '../../../contract/tokens';
import { buildApiKey, daysFromNow } from '../../../testing/factories';
import { revokeInPages } from './revoke-in-list';

const soon = buildApiKey({ id: 'key_soon', expiresAt: daysFromNow(2) });
const other = buildApiKey({ id: 'key_other' });
const later = buildApiKey({ id: 'key_later' });

function pages(...lists: ApiKeyList['data'][]) {
  return {
    pageParams: lists.map((_, index) => (index === 0 ? undefined : `cursor-${index}`)),
    pages: lists.map((data, index) => ({
      data,
      nextCursor: index < lists.length - 1 ? `cursor-${index + 1}` : null,
      total: 3,
      expiringSoon: { count: 1, data: [soon] },
    })),
  };
}

describe('revokeInPages', () => {
  const revokedAt = daysFromNow(0);

  it('drops the token from whichever page holds it, and from the counts', () => {
    const next = revokeInPages(pages([other], [soon, later]), { status: 'active' }, 'key_soon', revokedAt);
    expect(next.pages.map((page) => page.data.map((token) => token.id))).toEqual([['key_other'], ['key_later']]);
    expect(next.pages.map((page) => page.total)).toEqual([2, 2]);
    expect(next.pages.map((page) => page.expiringSoon)).toEqual([
      { count: 0, data: [] },
      { count: 0, data: [] },
    ]);
    expect(next.pageParams).toEqual([undefined, 'cursor-1']);
  });

  it('marks it revoked where revoked tokens are listed, keeping the total', () => {
    const next = revokeInPages(pages([soon, other]), { status: 'all' }, 'key_soon', revokedAt);
    expect(next.pages[0]?.data[0]).toMatchObject({ id: 'key_soon', status: 'revoked', revokedAt });
    expect(next.pages[0]?.total).toBe(3);
    expect(next.pages[0]?.expiringSoon.count).toBe(0);
  });

  it('still takes a token that is not loaded out of the expiring banner', () => {
    const next = revokeInPages(pages([other]), { status: 'active' }, 'key_soon', revokedAt);
    expect(next.pages[0]?.data).toEqual([other]);
    expect(next.pages[0]?.total).toBe(3);
    expect(next.pages[0]?.expiringSoon).toEqual({ count: 0, data: [] });
  });
});
