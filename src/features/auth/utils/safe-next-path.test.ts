import { describe, expect, it } from 'vitest';
import { defaultSignedInPath, safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps a same-origin path with its query', () => {
    expect(safeNextPath('/settings/api-tokens?tab=policy')).toBe('/settings/api-tokens?tab=policy');
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
  ])('falls back to the default for %j', (next) => {
    expect(safeNextPath(next)).toBe(defaultSignedInPath);
  });
});
