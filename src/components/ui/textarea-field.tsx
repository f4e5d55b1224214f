import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { cx } from '../../lib/variants';

type TextareaFieldProps = Omit<ComponentPropsWithRef<'textarea'>, 'id'> & {
  label: ReactNode;
  /** Help under the field, e.g. a character count; linked with `aria-describedby`. */
  hint?: ReactNode;
  error?: string;
};

/** A labelled multi-line input with optional help and its error message. */
export function TextareaField({ label, hint, error, className, ...props }: TextareaFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cx(
          'block min-h-20 w-full rounded-lg border bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-500',
          'focus-visible:outline-offset-0 dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-400',
          error ? 'border-red-500 dark:border-red-400' : 'border-zinc-300 dark:border-zinc-700',
        )}
        {...props}
      />
      {error ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      {hint ? (
        <div id={hintId} className="text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </div>
      ) : null}
    </div>
  );
}
