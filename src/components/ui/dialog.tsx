import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { cx } from '../../lib/variants';

type DialogProps = {
  open: boolean;
  /**
   * Escape, a click on the backdrop, or the close button. The owner decides what that means:
   * close at once, or ask first (the reveal-once dialog asks before discarding a secret).
   */
  onDismiss: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  size?: 'md' | 'lg';
  /** `alertdialog` for confirmations that interrupt (revoke, discard). */
  role?: 'dialog' | 'alertdialog';
};

/**
 * A modal on the platform's `<dialog>`: `showModal()` gives the top layer, inert background and
 * focus handling for free; we only route every way of closing through `onDismiss`.
 */
export function Dialog({ open, onDismiss, title, description, children, footer, size = 'md', role }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Focus goes back to the control that opened the dialog. The opener is read before the dialog takes
  // focus (layout effects run before the effect above), and given focus back while the dialog is still
  // in the document and has left the top layer — a removed <dialog> restores nothing, leaving `<body>`.
  // An opener that is gone by then (a revoked row's button) is the owner's business.
  useLayoutEffect(() => {
    if (!open) return;
    const dialog = ref.current;
    const active = document.activeElement;
    const opener = active instanceof HTMLElement && active !== document.body && !dialog?.contains(active) ? active : null;
    return () => {
      if (dialog?.open) dialog.close();
      if (opener?.isConnected && !opener.closest('[inert]')) opener.focus();
    };
  }, [open]);

  if (!open) return null;

  return (
    <dialog
      ref={ref}
      role={role}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      className={cx(
        'm-auto w-[calc(100%-1.5rem)] rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl',
        'backdrop:bg-zinc-950/60 backdrop:backdrop-blur-[2px]',
        'dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100',
        size === 'lg' ? 'max-w-2xl' : 'max-w-lg',
      )}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onDismiss();
      }}
      onClick={(event) => {
        // The dialog element itself is only hit on its backdrop: the content fills it edge to edge.
        if (event.target === event.currentTarget) onDismiss();
      }}
    >
      <div className="max-h-[calc(100dvh-2rem)] overflow-y-auto">
        <div className="flex items-start justify-between gap-4 px-5 pt-5 sm:px-6">
          <div className="min-w-0">
            <h2 id={titleId} className="text-lg font-semibold text-zinc-900 dark:text-white">
              {title}
            </h2>
            {description ? (
              <div id={descriptionId} className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
                {description}
              </div>
            ) : null}
          </div>
          <button
            type="button"
            onClick={onDismiss}
            className="-mr-2 -mt-1 rounded-lg p-2 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white"
            aria-label="Close"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.75">
              <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" />
            </svg>
          </button>
        </div>
        <div className="px-5 py-4 sm:px-6">{children}</div>
        {footer ? (
          <div className="flex flex-col-reverse gap-2 border-t border-zinc-200 px-5 py-4 sm:flex-row sm:justify-end sm:px-6 dark:border-zinc-800">
            {footer}
          </div>
        ) : null}
      </div>
    </dialog>
  );
}
