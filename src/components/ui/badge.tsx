import type { ComponentPropsWithRef } from 'react';
import { variants } from '../../lib/variants';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger' | 'info';

const badgeVariants = variants({
  base: 'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
  variants: {
    tone: {
      neutral: 'bg-zinc-100 text-zinc-700 ring-zinc-300/70 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700',
      accent: 'bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-950 dark:text-indigo-300 dark:ring-indigo-800',
      success: 'bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-800',
      warning: 'bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-800',
      danger: 'bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-800',
      info: 'bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-800',
    },
  },
  defaultVariants: { tone: 'neutral' },
});

type BadgeProps = ComponentPropsWithRef<'span'> & { tone?: BadgeTone };

export function Badge({ tone, className, ...props }: BadgeProps) {
  return <span className={badgeVariants({ tone, className })} {...props} />;
}
