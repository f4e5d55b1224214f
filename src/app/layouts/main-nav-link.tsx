import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { cx } from '../../lib/variants';

/** One link of the main navigation, highlighted on its page. */
export function MainNavLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <NavLink
      to={to}
      className={({ isActive }) =>
        cx(
          'block rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors',
          isActive
            ? 'bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-200'
            : 'text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800/70 dark:hover:text-white',
        )
      }
    >
      {children}
    </NavLink>
  );
}
