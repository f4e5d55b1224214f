import { describe, expect, it } from 'vitest';
import { defaultSignedInPath, safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps a same-origin path with its query', () => {
    expect(safeNextPath('/settings/api-tokens?tab=policy')).toBe('/settings/api-tokens?tab=policy');
  });

  it('normalises dot segments but keeps the query and hash', () => {
    expect(safeNextPath('/account/./integrations/../integrations?x=1#new')).toBe('/account/integrations?x=1#new');
  });

  it('returns a path that resolves to itself on this origin', () => {
    // Whatever comes in, what goes out is a plain path: re-resolving it changes nothing and stays here.
    for (const next of ['/.//evil.example', '/%2e%2e//evil.example/', '/x/../../..//evil.example', '/settings?a=//b']) {
      const path = safeNextPath(next);
      expect(path.startsWith('/') && !path.startsWith('//')).toBe(true);
      expect(new URL(path, 'https://keyline.invalid').origin).toBe('https://keyline.invalid');
    }
  });

  it.each([
    [null],
    [''],
    ['settings'],
    ['https://evil.example/'],
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['/\t/evil.example'],
    ['javascript:alert(1)'],
    ['/sign-in?next=/x'],
    // Dot segments and their encodings collapse to a protocol-relative `//host` once resolved.
    ['/.//evil.example/x'],
    ['/..//evil.example'],
    ['/%2e//evil.example'],
    ['/%2E%2E//evil.example'],
    ['/a/..//evil.example'],
    ['/./\\evil.example'],
    ['/./sign-in'],
  ])('falls back to the default for %j', (next) => {
    expect(safeNextPath(next)).toBe(defaultSignedInPath);
  });
});
