import type { ComponentPropsWithRef } from 'react';
import { variants } from '../../lib/variants';

/** Shared with links that should look like buttons (`<Link className={buttonVariants()}>`). */
export const buttonVariants = variants({
  base:
    'inline-flex items-center justify-center gap-2 rounded-lg font-medium whitespace-nowrap transition-colors ' +
    'disabled:cursor-not-allowed disabled:opacity-60',
  variants: {
    variant: {
      primary:
        'bg-indigo-600 text-white shadow-sm hover:bg-indigo-700 disabled:hover:bg-indigo-600 ' +
        'dark:bg-indigo-500 dark:text-white dark:hover:bg-indigo-400 dark:disabled:hover:bg-indigo-500',
      secondary:
        'border border-zinc-300 bg-white text-zinc-900 shadow-sm hover:bg-zinc-50 ' +
        'dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
      ghost: 'text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white',
      danger: 'bg-red-600 text-white shadow-sm hover:bg-red-700 dark:bg-red-500 dark:hover:bg-red-400',
    },
    size: {
      sm: 'h-8 px-3 text-sm',
      md: 'h-10 px-4 text-sm',
    },
  },
  defaultVariants: { variant: 'primary', size: 'md' },
});

type ButtonProps = ComponentPropsWithRef<'button'> & {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'sm' | 'md';
};

export function Button({ variant, size, className, type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={buttonVariants({ variant, size, className })} {...props} />;
}
