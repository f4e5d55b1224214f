import type { ReactNode } from 'react';
import { cx } from '../../lib/variants';

/** A grey placeholder block; hidden from assistive tech (wrap a group in `LoadingRegion`). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cx('animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800', className)} />;
}

/** Announces "loading" once for a group of skeletons. */
export function LoadingRegion({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div role="status" aria-live="polite" className={className}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}
