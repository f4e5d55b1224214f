import { useId, type ComponentPropsWithRef } from 'react';
import { cx } from '../../lib/variants';

type TextFieldProps = Omit<ComponentPropsWithRef<'input'>, 'id'> & {
  label: string;
  /** The field's error; shown under the input and linked with `aria-describedby`. */
  error?: string;
};

/** For what is typed exactly (usernames, names, codes): no autofill, capitals or spelling fixes. */
export const verbatimInputProps = { autoComplete: 'off', autoCapitalize: 'none', spellCheck: false } as const;

/** A labelled input with its error message. */
export function TextField({ label, error, className, ...props }: TextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={cx(
          'block h-10 w-full rounded-lg border bg-white px-3 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-500',
          'dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-400',
          error ? 'border-red-500 dark:border-red-400' : 'border-zinc-300 dark:border-zinc-700',
        )}
        {...props}
      />
      {error ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
