import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Tabs } from './tabs';

const tabs = ['curl', 'Node.js', 'Python', 'GitHub Actions'].map((name) => ({ id: name, label: name, content: name }));

/** jsdom lays nothing out: give the list the widths a phone would. */
function sizeList(list: HTMLElement, { client, scroll }: { client: number; scroll: number }) {
  Object.defineProperty(list, 'clientWidth', { configurable: true, value: client });
  Object.defineProperty(list, 'scrollWidth', { configurable: true, value: scroll });
}

describe('Tabs', () => {
  it('marks the edge with more tabs past it, and follows the scroll', () => {
    render(<Tabs label="Ways to use a token" tabs={tabs} />);
    const list = screen.getByRole('tablist', { name: 'Ways to use a token' });
    sizeList(list, { client: 300, scroll: 420 });
    fireEvent.scroll(list);
    expect(list).toHaveAttribute('data-more-end');
    expect(list).not.toHaveAttribute('data-more-start');

    list.scrollLeft = 120;
    fireEvent.scroll(list);
    expect(list).toHaveAttribute('data-more-start');
    expect(list).not.toHaveAttribute('data-more-end');
  });

  it('fades nothing when every tab fits', () => {
    render(<Tabs label="Ways to use a token" tabs={tabs} />);
    const list = screen.getByRole('tablist');
    sizeList(list, { client: 600, scroll: 600 });
    fireEvent.scroll(list);
    expect(list).not.toHaveAttribute('data-more-end');
  });
});
