import type { ReactNode } from 'react';

type ToastProps = {
  title: ReactNode;
  children?: ReactNode;
  onDismiss: () => void;
  /** A button shown beside "Dismiss", e.g. "Try again". */
  action?: ReactNode;
};

/**
 * A small non-blocking notice in the corner, announced politely. Keep it for things that happened
 * in the background (a failed refresh); anything the user did gets its message where they did it.
 */
export function Toast({ title, children, onDismiss, action }: ToastProps) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="fixed inset-x-3 bottom-3 z-50 rounded-xl border border-zinc-200 bg-white p-4 text-sm shadow-lg sm:inset-x-auto sm:right-6 sm:bottom-6 sm:w-96 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <p className="font-semibold text-zinc-900 dark:text-white">{title}</p>
      {children ? <div className="mt-1 leading-relaxed text-zinc-600 dark:text-zinc-300">{children}</div> : null}
      <div className="mt-3 flex flex-wrap justify-end gap-2">
        {action}
        <button
          type="button"
          onClick={onDismiss}
          className="h-8 rounded-lg px-3 text-sm font-medium text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white"
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}
