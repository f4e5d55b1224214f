import { useId, useState } from 'react';
import type { Scope } from '../../../contract/policy';
import { Alert } from '../../../components/ui/alert';
import { RadioOption } from '../../../components/ui/radio-option';
import { cx } from '../../../lib/variants';
import { activeScopePreset, scopePresets, type ScopePreset } from '../utils/scope-presets';
import {
  accessLevels,
  groupScopes,
  resourceLabel,
  type ResourceAccess,
  type ScopeGroup,
  type ScopeSelection,
} from '../utils/scope-selection';

type ScopePickerProps = {
  /** The scopes the chosen environment allows, grouped by resource. */
  groups: readonly ScopeGroup[];
  /**
   * The whole scope catalog: a resource (or a write level) the environment does not allow still gets
   * its row, with disabled cells and the reason, instead of vanishing.
   */
  catalog?: readonly Scope[];
  value: ScopeSelection;
  onChange: (value: ScopeSelection) => void;
  /** Shown under the picker, e.g. the API's message about a scope. */
  error?: string;
  disabled?: boolean;
  environmentLabel?: string;
};

const accessLabels: Record<ResourceAccess, string> = { none: 'None', read: 'Read', write: 'Write' };

/** One none/read/write choice per resource, in three fixed columns, with presets for the common cases. */
export function ScopePicker({ groups, catalog, value, onChange, error, disabled, environmentLabel }: ScopePickerProps) {
  const id = useId();
  const headingId = `${id}-heading`;
  const errorId = `${id}-error`;
  // The preset last clicked stays pressed while its selection stands, even when a capped environment
  // makes another preset select the same scopes.
  const [clicked, setClicked] = useState<ScopePreset['id'] | null>(null);
  const activePreset = activeScopePreset(groups, value, clicked);
  const rows = catalog ? groupScopes(catalog) : groups;
  const where = environmentLabel ?? 'this environment';

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
                  onClick={() => {
                    setClicked(preset.id);
                    onChange(preset.select(groups));
                  }}
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

          {activePreset?.warning ? <Alert tone="warning">{activePreset.warning}</Alert> : null}

          <div
            aria-describedby={error ? errorId : undefined}
            className={cx(
              'rounded-lg border',
              error ? 'border-red-500 dark:border-red-400' : 'border-zinc-200 dark:border-zinc-800',
            )}
          >
            <ul
              className={cx(
                'divide-y',
                error ? 'divide-red-200 dark:divide-red-900' : 'divide-zinc-200 dark:divide-zinc-800',
              )}
            >
              {rows.map((row) => (
                <ResourceRow
                  key={row.resource}
                  allowed={groups.find((group) => group.resource === row.resource)}
                  resource={row.resource}
                  offersWrite={Boolean(row.write)}
                  where={where}
                  access={value[row.resource] ?? 'none'}
                  disabled={disabled}
                  onChange={(access) => onChange({ ...value, [row.resource]: access })}
                />
              ))}
            </ul>
          </div>
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
  resource,
  allowed,
  offersWrite,
  where,
  access,
  disabled,
  onChange,
}: {
  resource: string;
  /** What the environment allows of this resource; undefined when none of it. */
  allowed: ScopeGroup | undefined;
  /** The catalog has a write scope for it (allowed here or not). */
  offersWrite: boolean;
  /** The environment's label, for the reason a level is off. */
  where: string;
  access: ResourceAccess;
  disabled?: boolean;
  onChange: (access: ResourceAccess) => void;
}) {
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const label = resourceLabel(resource);
  const offered: Record<ResourceAccess, boolean> = {
    none: true,
    read: Boolean(allowed?.read),
    write: Boolean(allowed?.write),
  };
  const hint = !allowed
    ? `${label} isn’t allowed for ${where}.`
    : access === 'write'
      ? [allowed.read?.description, allowed.write?.description].filter(Boolean).join('; ')
      : access === 'read'
        ? allowed.read?.description
        : offersWrite && !allowed.write
          ? `Writing to ${resource} isn’t allowed for ${where}.`
          : 'No access';

  return (
    <li className="grid gap-2 px-3 py-3 sm:grid-cols-[minmax(0,1fr)_13.5rem] sm:items-center sm:gap-4">
      <div className="min-w-0">
        <div id={labelId} className={cx('text-sm font-medium', allowed ? 'text-zinc-900 dark:text-zinc-100' : 'text-zinc-600 dark:text-zinc-400')}>
          {label}
        </div>
        <div id={hintId} className="text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </div>
      </div>
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        aria-describedby={hintId}
        className="grid grid-cols-3 gap-1 rounded-lg border border-zinc-300 bg-zinc-100 p-1 dark:border-zinc-700 dark:bg-zinc-950"
      >
        {accessLevels.map((level) => (
          <RadioOption
            key={level}
            name={id}
            value={level}
            checked={access === level}
            onSelect={onChange}
            disabled={disabled || !offered[level] || (!allowed && level === 'none')}
            className={cx(
              'relative inline-flex min-h-8 cursor-pointer items-center justify-center rounded-md px-2 text-sm font-medium select-none transition-colors',
              'text-zinc-700 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-white',
              'has-disabled:hover:text-zinc-700 dark:has-disabled:hover:text-zinc-300',
              'has-checked:bg-white has-checked:text-zinc-950 has-checked:shadow-sm has-checked:ring-1 has-checked:ring-zinc-300',
              'dark:has-checked:bg-zinc-700 dark:has-checked:text-white dark:has-checked:ring-zinc-600',
              'has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-indigo-600 dark:has-focus-visible:outline-indigo-400',
            )}
            inputClassName="sr-only"
          >
            {accessLabels[level]}
          </RadioOption>
        ))}
      </div>
    </li>
  );
}
