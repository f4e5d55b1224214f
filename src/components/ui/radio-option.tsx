import type { ReactNode } from 'react';
import { cx } from '../../lib/variants';

type RadioOptionProps<T extends string> = {
  /** The group's name: one per group, so arrow keys move within it. */
  name: string;
  value: T;
  checked: boolean;
  onSelect: (value: T) => void;
  disabled?: boolean;
  describedBy?: string;
  /** How the label (the whole clickable option) looks; it styles itself by the input's state (`has-checked:`…). */
  className: string;
  inputClassName: string;
  children: ReactNode;
};

/**
 * One option of a native radio group, the label wrapping its input: the shared part of every radio
 * look (cards, segmented bar). Keyboard, focus and form behaviour stay the browser's.
 */
export function RadioOption<T extends string>({
  name,
  value,
  checked,
  onSelect,
  disabled,
  describedBy,
  className,
  inputClassName,
  children,
}: RadioOptionProps<T>) {
  return (
    <label className={cx(className, 'has-disabled:cursor-not-allowed has-disabled:opacity-60')}>
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={() => onSelect(value)}
        aria-describedby={describedBy}
        className={inputClassName}
      />
      {children}
    </label>
  );
}
