import { useId } from 'react';
import { SegmentedControl, type SegmentedOption } from '../../../components/ui/segmented-control';
import { formatDate } from '../../../lib/relative-time';
import { cx } from '../../../lib/variants';
import { customDateBounds, endOfDay, expiryOptions, toDateInputValue, type ExpiryChoice } from '../utils/expiry-options';

type ExpiryFieldProps = {
  policy: { defaultLifetimeDays: number; maxLifetimeDays: number };
  value: ExpiryChoice;
  onChange: (value: ExpiryChoice) => void;
  now: Date;
  error?: string;
  disabled?: boolean;
};

type ChoiceValue = `${number}` | 'custom';

/** A lifetime in days, or a custom last day; nothing beyond what the workspace policy allows. */
export function ExpiryField({ policy, value, onChange, now, error, disabled }: ExpiryFieldProps) {
  const id = useId();
  const labelId = `${id}-label`;
  const capId = `${id}-cap`;
  const dateId = `${id}-date`;
  const dateHintId = `${id}-date-hint`;
  const errorId = `${id}-error`;
  const { days, capped, defaultChoice } = expiryOptions(policy);
  const bounds = customDateBounds(now, policy.maxLifetimeDays);

  const options: SegmentedOption<ChoiceValue>[] = [
    ...days.map((d) => ({ value: `${d}` as const, label: `${d} days` })),
    { value: 'custom', label: 'Custom date' },
  ];
  const current: ChoiceValue = value.kind === 'custom' ? 'custom' : `${value.days}`;

  return (
    <div className="space-y-2">
      <div id={labelId} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        Expiration
      </div>
      <SegmentedControl
        labelledBy={labelId}
        describedBy={capped ? capId : undefined}
        options={options}
        value={current}
        disabled={disabled}
        onChange={(next) => {
          if (next !== 'custom') onChange({ kind: 'days', days: Number(next) });
          else {
            // Start the date picker where the preset was, so switching is not a step back.
            const fromDays = value.kind === 'days' ? value.days : defaultChoice.kind === 'days' ? defaultChoice.days : 30;
            const start = toDateInputValue(new Date(now.getTime() + fromDays * 86_400_000));
            onChange({ kind: 'custom', date: start > bounds.max ? bounds.max : start });
          }
        }}
      />
      {capped ? (
        <p id={capId} className="text-sm text-zinc-600 dark:text-zinc-400">
          Your workspace allows tokens to live at most {policy.maxLifetimeDays} days.
        </p>
      ) : null}
      {value.kind === 'custom' ? (
        <div className="space-y-1.5">
          <label htmlFor={dateId} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
            Expires at the end of
          </label>
          <input
            id={dateId}
            type="date"
            required
            min={bounds.min}
            max={bounds.max}
            value={value.date}
            disabled={disabled}
            onChange={(event) => onChange({ kind: 'custom', date: event.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={cx(dateHintId, error && errorId)}
            className={cx(
              'block h-10 w-full max-w-56 rounded-lg border bg-white px-3 text-sm text-zinc-900 shadow-xs dark:bg-zinc-950 dark:text-zinc-100 dark:[color-scheme:dark]',
              error ? 'border-red-500 dark:border-red-400' : 'border-zinc-300 dark:border-zinc-700',
            )}
          />
          <p id={dateHintId} className="text-xs text-zinc-600 dark:text-zinc-400">
            Any day from tomorrow to {formatDate(endOfDay(bounds.max) ?? now)}.
          </p>
        </div>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
