import type { ReactNode } from 'react';

/**
 * The sparkline's box, the same size loading, failed or drawn: the row never moves when it fills in.
 * Its own module so the lazy wrapper reserves the box without loading the sparkline's code.
 */
export function SparklineFrame({ children }: { children?: ReactNode }) {
  return <span className="mt-1 flex h-5 w-[8.5rem] items-center gap-1.5">{children}</span>;
}

/** While the usage loads: a quiet placeholder where the line will be. */
export function SparklinePending() {
  return (
    <SparklineFrame>
      <span aria-hidden="true" className="h-3 w-20 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
    </SparklineFrame>
  );
}
