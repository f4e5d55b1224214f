import { useId, type ReactNode } from 'react';
import { cx } from '../../lib/variants';
import { RadioOption } from './radio-option';

export type SegmentedOption<T extends string> = {
  value: T;
  label: ReactNode;
};

type SegmentedControlProps<T extends string> = {
  options: readonly SegmentedOption<T>[];
  value: T | undefined;
  onChange: (value: T) => void;
  disabled?: boolean;
  className?: string;
} & (
  | { /** Shown above the options and used as the group's name. */ label: ReactNode; labelledBy?: never }
  | { label?: never; /** The id of a heading elsewhere that names the group. */ labelledBy: string }
) & {
    /** The id of help or an error that describes the group. */
    describedBy?: string;
  };

/**
 * A one-of-few choice that looks like a segmented button bar but is a native radio group:
 * Tab reaches the chosen option, arrow keys move between options, Space selects.
 */
export function SegmentedControl<T extends string>({
  label,
  labelledBy,
  describedBy,
  options,
  value,
  onChange,
  disabled,
  className,
}: SegmentedControlProps<T>) {
  const name = useId();
  const labelId = `${name}-label`;
  return (
    <div className={className}>
      {label ? (
        <div id={labelId} className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </div>
      ) : null}
      <div
        role="radiogroup"
        aria-labelledby={labelledBy ?? labelId}
        aria-describedby={describedBy}
        className={cx(
          'inline-flex max-w-full flex-wrap gap-1 rounded-lg border border-zinc-300 bg-zinc-100 p-1 dark:border-zinc-700 dark:bg-zinc-950',
          // A phone: a stacked radio list, one option a line, rather than a bar wrapping inside its track.
          'max-[420px]:flex max-[420px]:w-full max-[420px]:flex-col',
        )}
      >
        {options.map((option) => (
          <RadioOption
            key={option.value}
            name={name}
            value={option.value}
            checked={value === option.value}
            onSelect={onChange}
            disabled={disabled}
            className={cx(
              'group relative inline-flex min-h-8 cursor-pointer items-center justify-center gap-2.5 rounded-md px-3 text-sm font-medium select-none transition-colors',
              'max-[420px]:min-h-10 max-[420px]:justify-start',
              'text-zinc-700 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-white',
              'has-checked:bg-white has-checked:text-zinc-950 has-checked:shadow-sm has-checked:ring-1 has-checked:ring-zinc-300',
              'dark:has-checked:bg-zinc-700 dark:has-checked:text-white dark:has-checked:ring-zinc-600',
              'has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-indigo-600 dark:has-focus-visible:outline-indigo-400',
            )}
            inputClassName="sr-only"
          >
            {/* The stacked list shows a radio circle, so the chosen line reads as chosen, not just lighter. */}
            <span
              aria-hidden="true"
              className={cx(
                'hidden size-4 shrink-0 rounded-full border border-zinc-400 bg-white max-[420px]:inline-block dark:border-zinc-500 dark:bg-zinc-900',
                'group-has-checked:border-[5px] group-has-checked:border-indigo-600 dark:group-has-checked:border-indigo-400',
              )}
            />
            {option.label}
          </RadioOption>
        ))}
      </div>
    </div>
  );
}
