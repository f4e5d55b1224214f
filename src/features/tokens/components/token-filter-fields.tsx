import type { Environment } from '../../../contract/policy';
import { DebouncedTextField } from '../../../components/ui/debounced-text-field';
import { SelectField } from '../../../components/ui/select';
import { statusOptions, type TokenStatusFilter } from '../utils/token-filters';

/*
 * The filter fields both token pages share (my tokens, and every user's in the admin review): the same
 * labels, options and words on each, so the two pages read as one product.
 */

type NameSearchFieldProps = {
  /** The settled search (e.g. from the URL). */
  value: string;
  /** Called once typing pauses. */
  onSettle: (q: string) => void;
  name?: string;
  className?: string;
};

export function NameSearchField({ value, onSettle, name, className }: NameSearchFieldProps) {
  return (
    <DebouncedTextField
      label="Search by name"
      type="search"
      name={name}
      value={value}
      onSettle={onSettle}
      maxLength={100}
      placeholder="e.g. deploy"
      autoComplete="off"
      className={className}
    />
  );
}

type EnvironmentFilterProps = {
  /** An environment id, or '' for all of them. */
  value: string;
  /** The policy's environments, shown by label; undefined while the policy loads. */
  environments: readonly Environment[] | undefined;
  onChange: (environment: string) => void;
};

/** "All" rather than "All environments": the label says what, and the short word fits a phone's half-width field. */
export function EnvironmentFilter({ value, environments, onChange }: EnvironmentFilterProps) {
  const options = [{ value: '', label: 'All' }, ...(environments ?? []).map((environment) => ({ value: environment.id, label: environment.label }))];
  // A link may name an environment the policy no longer lists; keep it selectable rather than lie.
  if (value && !options.some((option) => option.value === value)) options.push({ value, label: value });
  return <SelectField label="Environment" value={value} options={options} onValueChange={onChange} />;
}

type StatusFilterProps = {
  value: TokenStatusFilter;
  onChange: (status: TokenStatusFilter) => void;
};

export function StatusFilter({ value, onChange }: StatusFilterProps) {
  return <SelectField label="Status" value={value} options={statusOptions} onValueChange={onChange} />;
}
