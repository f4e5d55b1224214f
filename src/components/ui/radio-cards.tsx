import { useId, type ReactNode } from 'react';
import { cx } from '../../lib/variants';
import { RadioOption } from './radio-option';

export type RadioCardOption<T extends string> = {
  value: T;
  label: ReactNode;
  description?: ReactNode;
};

type RadioCardsProps<T extends string> = {
  legend: ReactNode;
  options: readonly RadioCardOption<T>[];
  value: T | undefined;
  onChange: (value: T) => void;
  /** The group's error, under the cards and linked with `aria-describedby`. */
  error?: string;
  disabled?: boolean;
  className?: string;
};

/** A native radio group drawn as cards: arrow keys move between them, the whole card is the label. */
export function RadioCards<T extends string>({ legend, options, value, onChange, error, disabled, className }: RadioCardsProps<T>) {
  const name = useId();
  const errorId = `${name}-error`;
  return (
    <fieldset disabled={disabled} aria-describedby={error ? errorId : undefined} className={className}>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">{legend}</legend>
      <div className={cx('grid gap-2', options.length === 2 ? 'sm:grid-cols-2' : 'sm:grid-cols-3')}>
        {options.map((option) => {
          const descriptionId = `${name}-${option.value}-description`;
          return (
            <RadioOption
              key={option.value}
              name={name}
              value={option.value}
              checked={value === option.value}
              onSelect={onChange}
              describedBy={option.description ? descriptionId : undefined}
              className={cx(
                'flex cursor-pointer items-start gap-3 rounded-lg border bg-white px-3 py-2.5 transition-colors',
                'border-zinc-300 hover:border-zinc-400 dark:border-zinc-700 dark:bg-zinc-950 dark:hover:border-zinc-500',
                'has-checked:border-indigo-600 has-checked:bg-indigo-50 has-checked:ring-1 has-checked:ring-indigo-600',
                'dark:has-checked:border-indigo-400 dark:has-checked:bg-indigo-950/50 dark:has-checked:ring-indigo-400',
                'has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600 dark:has-focus-visible:outline-indigo-400',
              )}
              inputClassName="mt-0.5 size-4 shrink-0 accent-indigo-600 focus-visible:outline-none dark:accent-indigo-400"
            >
              <span className="min-w-0">
                <span className="block text-sm font-medium text-zinc-900 dark:text-zinc-100">{option.label}</span>
                {option.description ? (
                  <span id={descriptionId} className="block text-xs text-zinc-600 dark:text-zinc-400">
                    {option.description}
                  </span>
                ) : null}
              </span>
            </RadioOption>
          );
        })}
      </div>
      {error ? (
        <p id={errorId} className="mt-1.5 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
