import type { ComponentPropsWithRef } from 'react';
import { cx } from '../../lib/variants';

export function Card({ className, ...props }: ComponentPropsWithRef<'div'>) {
  return (
    <div
      className={cx(
        'rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900',
        className,
      )}
      {...props}
    />
  );
}

export function CardHeader({ className, ...props }: ComponentPropsWithRef<'div'>) {
  return <div className={cx('border-b border-zinc-200 px-5 py-4 dark:border-zinc-800', className)} {...props} />;
}

export function CardBody({ className, ...props }: ComponentPropsWithRef<'div'>) {
  return <div className={cx('px-5 py-4', className)} {...props} />;
}
