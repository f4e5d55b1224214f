import { describe, expect, it } from 'vitest';
import { cx, variants } from './variants';

describe('cx', () => {
  it('joins truthy class names', () => {
    expect(cx('a', false, undefined, 'b', null, '')).toBe('a b');
  });
});

describe('variants', () => {
  const button = variants({
    base: 'btn',
    variants: { tone: { plain: 'plain', loud: 'loud' }, size: { sm: 'sm', lg: 'lg' } },
    defaultVariants: { tone: 'plain', size: 'sm' },
  });

  it('applies the defaults', () => {
    expect(button()).toBe('btn plain sm');
  });

  it('applies chosen variants and an extra class name last', () => {
    expect(button({ tone: 'loud', className: 'w-full' })).toBe('btn loud sm w-full');
  });
});
