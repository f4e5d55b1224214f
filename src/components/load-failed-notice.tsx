import { useEffect, useId, useRef } from 'react';
import { Button } from './ui/button';

type LoadFailedNoticeProps = {
  onRetry: () => void;
  /** Offered where there is something to go back to (a dialog that did not open). */
  onCancel?: () => void;
};

/**
 * "Couldn't open — check your connection", with Retry: what a page or dialog whose code did not arrive
 * says, over the page that is still there. Retry has focus, so Enter tries again.
 */
export function LoadFailedNotice({ onRetry, onCancel }: LoadFailedNoticeProps) {
  const id = useId();
  const retryRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    retryRef.current?.focus();
  }, []);
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) onCancel();
      }}
      className="fixed inset-x-3 bottom-3 z-[60] rounded-xl border border-red-200 bg-white p-4 text-sm shadow-lg sm:inset-x-auto sm:right-6 sm:bottom-6 sm:w-96 dark:border-red-900 dark:bg-zinc-900"
    >
      <p id={`${id}-title`} className="font-semibold text-zinc-900 dark:text-white">
        Couldn’t open — check your connection
      </p>
      <p id={`${id}-body`} className="mt-1 leading-relaxed text-zinc-600 dark:text-zinc-300">
        Part of the page didn’t load. Nothing you were doing is lost.
      </p>
      <div className="mt-3 flex flex-wrap justify-end gap-2">
        {onCancel ? (
          <Button variant="ghost" size="sm" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button ref={retryRef} size="sm" onClick={onRetry}>
          Retry
        </Button>
      </div>
    </div>
  );
}
