import type { ReactNode } from 'react';
import { variants } from '../../lib/variants';

const alertVariants = variants({
  base: 'flex flex-col gap-3 rounded-xl border px-4 py-3 text-sm sm:flex-row sm:items-start sm:justify-between',
  variants: {
    tone: {
      info: 'border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900 dark:bg-sky-950/60 dark:text-sky-100',
      warning: 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-100',
      error: 'border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-100',
    },
  },
  defaultVariants: { tone: 'info' },
});

type AlertProps = {
  tone?: 'info' | 'warning' | 'error';
  title?: ReactNode;
  children?: ReactNode;
  /** A button or link shown at the end, e.g. "Try again". */
  action?: ReactNode;
  className?: string;
};

/** A message box. Errors use `role="alert"` so they are announced when they appear. */
export function Alert({ tone = 'info', title, children, action, className }: AlertProps) {
  return (
    <div role={tone === 'error' ? 'alert' : undefined} className={alertVariants({ tone, className })}>
      <div className="space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="leading-relaxed">{children}</div> : null}
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}
