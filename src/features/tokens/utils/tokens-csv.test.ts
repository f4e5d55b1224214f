import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildApiKey } from '../../../testing/factories';
import { csvField, tokensToCsv } from './tokens-csv';

// The separators spreadsheet apps pick for a .csv (by locale or in the import dialog); the file itself uses ','.
const separators = [',', ';', '\t'] as const;
const formulaStart = /^[=+\-@\t\r]/;

/**
 * The cells a spreadsheet could see in one CSV line when it splits on `separator`, worst case: a reader
 * that ignores quotes (a quote that is not at the start of its cell under that separator means nothing).
 * Leading quotes and spaces are dropped, as a reader that does honour them would.
 */
function cellStartsUnder(line: string, separator: string): string[] {
  return line.split(new RegExp(`[${separator}\\r\\n]`)).map((cell) => cell.replace(/^[ "]*/, ''));
}

/** RFC 4180 reading of one line with ',' (what the file says it is). */
function parseLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else {
          field += line[i++];
        }
      }
    } else {
      while (i < line.length && line[i] !== ',') field += line[i++];
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the ','
  }
}

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

  it('quotes the separators other locales use, so the field stays one cell', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('a\tb')).toBe('"a\tb"');
  });

  it('defuses a formula that starts after a separator inside the field', () => {
    expect(csvField('deploy;=1+1')).toBe('"deploy;\'=1+1"');
    expect(csvField('deploy\t@SUM(A1)')).toBe('"deploy\t\'@SUM(A1)"');
    expect(csvField('a, -2+3')).toBe('"a,\' -2+3"');
    expect(csvField('\t=1')).toBe('"\'\t\'=1"');
    expect(csvField('a;"=1"')).toBe('"a;\'""=1"""');
  });

  it('never lets a cell start with a formula, whichever separator the spreadsheet splits on', () => {
    const text = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', ',', ';', '\t', '\r', '\n', '"', ' ', "'", 'a') });
    fc.assert(
      fc.property(text, (value) => {
        const line = ['key_a', value, 'maria'].map(csvField).join(',');
        for (const separator of separators) {
          for (const cell of cellStartsUnder(line, separator)) expect(cell).not.toMatch(formulaStart);
        }
      }),
    );
  });

  it("reads back as the value, with at most a ' added where a cell would start", () => {
    const text = fc.string({ unit: fc.constantFrom('=', '-', '@', ',', ';', '\t', '"', ' ', "'", 'a') });
    fc.assert(
      fc.property(text, (value) => {
        const [, field] = parseLine(['key_a', value, 'maria'].map(csvField).join(','));
        expect(field?.replaceAll("'", '')).toBe(value.replaceAll("'", ''));
      }),
    );
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
      'id,name,owner,ownerType,environment,scopes,scopesUsed,status,createdAt,lastUsedAt,expiresAt,revokedAt,revokedBy,revokedReason',
      `key_a,"Deploy, prod",maria,person,development,read:projects write:projects,,active,${token.createdAt},,${token.expiresAt},,,`,
      '',
    ]);
  });

  it('lists the scopes a review row used', () => {
    const token = { ...buildApiKey({ id: 'key_u', name: 'Wide', scopes: ['read:projects', 'write:projects'] }), usedScopes: ['read:projects'] };
    expect(tokensToCsv([token]).split('\r\n')[1]).toMatch(/^key_u,Wide,ada,person,development,read:projects write:projects,read:projects,active,/);
  });

  it('says when a service account owns the token', () => {
    const token = buildApiKey({ id: 'key_s', name: 'Nightly', owner: { id: 'svc_1', username: 'ci', kind: 'service_account' } });
    expect(tokensToCsv([token]).split('\r\n')[1]).toMatch(/^key_s,Nightly,ci,service_account,development,/);
  });

  it('says who revoked a revoked token', () => {
    const token = buildApiKey({ id: 'key_r', name: 'Old', status: 'revoked', revokedAt: '2026-03-01T00:00:00.000Z', revokedBy: { id: 'usr_9', username: 'root' } });
    expect(tokensToCsv([token]).split('\r\n')[1]).toMatch(/,2026-03-01T00:00:00\.000Z,root,$/);
  });

  it('says why a token nobody chose to revoke was revoked', () => {
    const token = buildApiKey({ status: 'revoked', revokedAt: '2026-03-01T00:00:00.000Z', revokedBy: null, revokedReason: 'reported_leaked' });
    expect(tokensToCsv([token]).split('\r\n')[1]).toMatch(/,2026-03-01T00:00:00\.000Z,,reported leaked$/);
  });
});
