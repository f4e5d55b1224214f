import { describe, expect, it } from 'vitest';
import { buildApiKey } from '../../../testing/factories';
import { csvField, tokensToCsv } from './tokens-csv';

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@sum')).toBe("'@sum");
  });
});

describe('tokensToCsv', () => {
  it('writes the header and one row per token with ISO times', () => {
    const token = buildApiKey({
      id: 'key_a',
      name: 'Deploy, prod',
      scopes: ['read:projects', 'write:projects'],
      lastUsedAt: null,
      owner: { id: 'usr_2', username: 'maria' },
    });
    const csv = tokensToCsv([token]);
    expect(csv.split('\r\n')).toEqual([
      'id,name,owner,environment,scopes,status,createdAt,lastUsedAt,expiresAt,revokedAt',
      `key_a,"Deploy, prod",maria,development,read:projects write:projects,active,${token.createdAt},,${token.expiresAt},`,
      '',
    ]);
  });
});
