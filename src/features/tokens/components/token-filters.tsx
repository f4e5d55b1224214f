import type { Environment } from '../../../contract/policy';
import { SelectField } from '../../../components/ui/select';
import { naturalOrder, orderOptions, sortOptions, type TokenListView } from '../utils/token-filters';
import { EnvironmentFilter, NameSearchField, StatusFilter } from './token-filter-fields';

type TokenFiltersProps = {
  view: TokenListView;
  environments: readonly Environment[];
  /** `replace`: typing in the search box replaces the history entry instead of adding one per pause. */
  onChange: (next: Partial<TokenListView>, options?: { replace?: boolean }) => void;
};

/** Search, environment, status and sort for the token list. The page keeps them in the URL. */
export function TokenFilters({ view, environments, onChange }: TokenFiltersProps) {
  return (
    <form
      role="search"
      aria-label="Filter tokens"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ q: String(new FormData(event.currentTarget).get('q') ?? '') }, { replace: true });
      }}
      className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(10rem,2fr)_minmax(10.5rem,1.2fr)_repeat(3,minmax(0,1fr))]"
    >
      <SearchField q={view.q} onChange={onChange} />
      <EnvironmentFilter value={view.environment} environments={environments} onChange={(environment) => onChange({ environment })} />
      <StatusFilter value={view.status} onChange={(status) => onChange({ status })} />
      <SelectField
        label="Sort by"
        value={view.sort}
        options={sortOptions}
        onValueChange={(sort) => onChange({ sort, order: naturalOrder[sort] })}
      />
      <SelectField label="Order" value={view.order} options={orderOptions(view.sort)} onValueChange={(order) => onChange({ order })} />
    </form>
  );
}

/**
 * Typing stays in the field (a keystroke renders neither the other filters nor the list); the URL,
 * and with it the query, follows once typing pauses. Only spaces added or removed change nothing.
 */
function SearchField({ q, onChange }: { q: string; onChange: TokenFiltersProps['onChange'] }) {
  return (
    <NameSearchField
      name="q"
      value={q}
      onSettle={(typed) => {
        if (typed.trim() !== q.trim()) onChange({ q: typed }, { replace: true });
      }}
      className="col-span-2 lg:col-span-1"
    />
  );
}
