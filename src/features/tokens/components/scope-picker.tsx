import { useId } from 'react';
import { Alert } from '../../../components/ui/alert';
import { SegmentedControl, type SegmentedOption } from '../../../components/ui/segmented-control';
import { cx } from '../../../lib/variants';
import { scopePresets } from '../utils/scope-presets';
import {
  resourceLabel,
  sameSelection,
  type ResourceAccess,
  type ScopeGroup,
  type ScopeSelection,
} from '../utils/scope-selection';

type ScopePickerProps = {
  /** The scopes the chosen environment allows, grouped by resource. */
  groups: readonly ScopeGroup[];
  value: ScopeSelection;
  onChange: (value: ScopeSelection) => void;
  /** Shown under the picker, e.g. the API's message about a scope. */
  error?: string;
  disabled?: boolean;
  environmentLabel?: string;
};

/** One none/read/write choice per resource, with presets for the common cases. */
export function ScopePicker({ groups, value, onChange, error, disabled, environmentLabel }: ScopePickerProps) {
  const id = useId();
  const headingId = `${id}-heading`;
  const errorId = `${id}-error`;
  const activePreset = scopePresets.find((preset) => {
    const selection = preset.select(groups);
    return Object.keys(selection).length > 0 && sameSelection(selection, value);
  });

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div>
        <h3 id={headingId} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Scopes
        </h3>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          Choose only what this token needs. Write access includes read access.
        </p>
      </div>

      {groups.length === 0 ? (
        <Alert tone="info">
          {environmentLabel ? `${environmentLabel} tokens` : 'Tokens for this environment'} can’t have any scopes in your
          workspace. Choose another environment.
        </Alert>
      ) : (
        <>
          <div role="group" aria-label="Presets" className="flex flex-wrap gap-2">
            {scopePresets.map((preset) => {
              const pressed = preset === activePreset;
              return (
                <button
                  key={preset.id}
                  type="button"
                  aria-pressed={pressed}
                  disabled={disabled}
                  title={preset.description}
                  onClick={() => onChange(preset.select(groups))}
                  className={cx(
                    'inline-flex h-8 items-center rounded-full border px-3 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60',
                    pressed
                      ? 'border-indigo-600 bg-indigo-50 text-indigo-800 dark:border-indigo-400 dark:bg-indigo-950 dark:text-indigo-200'
                      : 'border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800',
                  )}
                >
                  {preset.label}
                </button>
              );
            })}
          </div>

          {activePreset?.warning ? (
            <Alert tone="warning" title={`${activePreset.label} is rarely needed`}>
              {activePreset.warning}
            </Alert>
          ) : null}

          <ul
            aria-describedby={error ? errorId : undefined}
            className={cx(
              'divide-y rounded-lg border',
              error
                ? 'divide-red-200 border-red-500 dark:divide-red-900 dark:border-red-400'
                : 'divide-zinc-200 border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800',
            )}
          >
            {groups.map((group) => (
              <ResourceRow
                key={group.resource}
                group={group}
                access={value[group.resource] ?? 'none'}
                disabled={disabled}
                onChange={(access) => onChange({ ...value, [group.resource]: access })}
              />
            ))}
          </ul>
        </>
      )}

      {error ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function ResourceRow({
  group,
  access,
  disabled,
  onChange,
}: {
  group: ScopeGroup;
  access: ResourceAccess;
  disabled?: boolean;
  onChange: (access: ResourceAccess) => void;
}) {
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const options: SegmentedOption<ResourceAccess>[] = [
    { value: 'none', label: 'None' },
    ...(group.read ? [{ value: 'read' as const, label: 'Read' }] : []),
    ...(group.write ? [{ value: 'write' as const, label: 'Write' }] : []),
  ];
  const hint =
    access === 'write'
      ? [group.read?.description, group.write?.description].filter(Boolean).join('; ')
      : access === 'read'
        ? group.read?.description
        : 'No access';

  return (
    <li className="flex flex-col gap-2 px-3 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
      <div className="min-w-0">
        <div id={labelId} className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
          {resourceLabel(group.resource)}
        </div>
        <div id={hintId} className="text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </div>
      </div>
      <SegmentedControl
        labelledBy={labelId}
        describedBy={hintId}
        options={options}
        value={access}
        onChange={onChange}
        disabled={disabled}
        className="shrink-0"
      />
    </li>
  );
}
