import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { ApiKey } from '../../../contract/tokens';
import { cx } from '../../../lib/variants';
import { tokenDetailPath } from '../utils/expiry-warnings';
import { isSelectable } from '../utils/review-selection';

type AdminTokenMenuProps = {
  id: string;
  token: ApiKey;
  /** The button that opened the menu: where it sits, and where focus goes back on Escape. */
  anchor: HTMLButtonElement;
  /** Which item has focus on opening: the first (click, Enter, ↓) or the last (↑). */
  initialFocus: 'first' | 'last';
  onRevoke: (token: ApiKey) => void;
  /** `restoreFocus` when the menu closes by keyboard or choice, not by a click elsewhere. */
  onClose: (restoreFocus: boolean) => void;
};

const itemClass =
  'flex w-full items-center rounded-md px-3 py-2 text-left text-sm outline-none focus-visible:bg-zinc-100 hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:bg-transparent dark:focus-visible:bg-zinc-800 dark:hover:bg-zinc-800';

/**
 * A row's actions, as a menu (WAI-ARIA menu button pattern): ↑/↓/Home/End move, Escape and Tab close.
 * Fixed to the viewport beside its button: the table's scroll container would otherwise clip it.
 * Its own chunk, loaded when a menu first opens.
 */
export function AdminTokenMenu({ id, token, anchor, initialFocus, onRevoke, onClose }: AdminTokenMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const rect = anchor.getBoundingClientRect();
  // Below the button, or above it when the viewport ends first.
  const above = rect.bottom + 112 > window.innerHeight && rect.top > 112;
  const canRevoke = isSelectable(token);

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [])];

  useEffect(() => {
    const list = items();
    (initialFocus === 'first' ? list[0] : list.at(-1))?.focus();
  }, [initialFocus]);

  useEffect(() => {
    // A click elsewhere, or the page moving under the menu, closes it where it is.
    const away = (event: Event) => {
      if (event.target instanceof Node && (menuRef.current?.contains(event.target) || anchor.contains(event.target))) return;
      onClose(false);
    };
    const moved = () => onClose(false);
    document.addEventListener('pointerdown', away);
    window.addEventListener('resize', moved);
    window.addEventListener('scroll', moved, true);
    return () => {
      document.removeEventListener('pointerdown', away);
      window.removeEventListener('resize', moved);
      window.removeEventListener('scroll', moved, true);
    };
  }, [anchor, onClose]);

  function onKeyDown(event: KeyboardEvent) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => {
      event.preventDefault();
      list[(index + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose(true);
    } else if (event.key === 'Tab') onClose(false);
  }

  return (
    <div
      ref={menuRef}
      id={id}
      role="menu"
      aria-label={`Actions for ${token.name}`}
      onKeyDown={onKeyDown}
      style={{
        position: 'fixed',
        right: Math.max(8, window.innerWidth - rect.right),
        ...(above ? { bottom: window.innerHeight - rect.top + 4 } : { top: rect.bottom + 4 }),
      }}
      className="z-30 w-48 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      <Link role="menuitem" tabIndex={-1} to={tokenDetailPath(token.id)} className={cx(itemClass, 'text-zinc-800 dark:text-zinc-200')}>
        Open token
      </Link>
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        disabled={!canRevoke}
        onClick={() => {
          onClose(true);
          onRevoke(token);
        }}
        className={cx(itemClass, 'text-red-700 dark:text-red-300')}
      >
        {canRevoke ? 'Revoke…' : 'Already revoked'}
      </button>
    </div>
  );
}
