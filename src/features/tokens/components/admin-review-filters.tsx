import type { AdminApiKeyCounts } from '../../../contract/admin';
import type { Environment } from '../../../contract/policy';
import { unusedScopeDays } from '../../../contract/usage';
import { DebouncedTextField } from '../../../components/ui/debounced-text-field';
import { SelectField } from '../../../components/ui/select';
import { cx } from '../../../lib/variants';
import { quickViews, sortOptions, type ReviewState } from '../utils/review-params';
import { EnvironmentFilter, NameSearchField, StatusFilter } from './token-filter-fields';

const count = new Intl.NumberFormat('en');

type AdminReviewFiltersProps = {
  state: ReviewState;
  /** The quick views' numbers; `undefined` until counted. */
  counts: AdminApiKeyCounts | undefined;
  /** The counts failed and none are on screen: offer to count again. */
  countsFailed: boolean;
  onRecount: () => void;
  environments: readonly Environment[] | undefined;
  /** Stable across renders: the text fields report through it after typing pauses. */
  onChange: (change: Partial<ReviewState>) => void;
};

const ownerKindOptions: { value: ReviewState['ownerKind']; label: string }[] = [
  { value: '', label: 'People and service accounts' },
  { value: 'person', label: 'People' },
  { value: 'service_account', label: 'Service accounts' },
];

/** The quick views with their counts, then name, owner, environment, status and sort. */
export function AdminReviewFilters({ state, counts, countsFailed, onRecount, environments, onChange }: AdminReviewFiltersProps) {
  return (
    <>
      <QuickViews counts={counts} active={state.view} onChange={(view) => onChange({ view })} />
      {countsFailed ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The counts didn’t load.{' '}
          <button type="button" className="font-medium underline underline-offset-2" onClick={onRecount}>
            Count again
          </button>
        </p>
      ) : null}

      {/* Columns no narrower than the longest sort order (four in a row at 1280 px): a fixed five clipped it. */}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(auto-fit,minmax(13.5rem,1fr))]">
        <NameSearchField value={state.q} onSettle={(q) => onChange({ q })} />
        <DebouncedTextField
          label="Owner"
          value={state.owner}
          onSettle={(owner) => onChange({ owner })}
          placeholder="Exact username"
          autoComplete="off"
          maxLength={64}
        />
        <SelectField label="Owner type" value={state.ownerKind} options={ownerKindOptions} onValueChange={(ownerKind) => onChange({ ownerKind })} />
        <EnvironmentFilter value={state.environment} environments={environments} onChange={(environment) => onChange({ environment })} />
        {state.view === 'all' ? <StatusFilter value={state.status} onChange={(status) => onChange({ status })} /> : null}
        <SelectField label="Sort by" value={state.sort} options={sortOptions} onValueChange={(sort) => onChange({ sort })} />
      </div>
      <label className="flex w-fit cursor-pointer items-start gap-2 text-sm text-zinc-800 dark:text-zinc-200">
        <input
          type="checkbox"
          checked={state.overScoped}
          onChange={(event) => onChange({ overScoped: event.target.checked })}
          className="mt-0.5 size-4 shrink-0 accent-indigo-600 dark:accent-indigo-400"
        />
        <span>
          Only over-scoped tokens{' '}
          <span className="text-zinc-600 dark:text-zinc-400">(a scope held {unusedScopeDays} days or more, never used)</span>
        </span>
      </label>
    </>
  );
}

function QuickViews({
  counts,
  active,
  onChange,
}: {
  counts: AdminApiKeyCounts | undefined;
  active: ReviewState['view'];
  onChange: (view: ReviewState['view']) => void;
}) {
  return (
    <nav aria-label="Quick views">
      <ul className="flex flex-wrap gap-2">
        {quickViews.map((view) => {
          const isActive = view.id === active;
          return (
            <li key={view.id}>
              <button
                type="button"
                aria-pressed={isActive}
                onClick={() => onChange(view.id)}
                className={cx(
                  'inline-flex h-9 items-center gap-2 rounded-full border px-3 text-sm font-medium transition-colors',
                  isActive
                    ? 'border-indigo-600 bg-indigo-600 text-white dark:border-indigo-400 dark:bg-indigo-500'
                    : 'border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800',
                )}
              >
                {view.label}{' '}
                <span className={cx('tabular-nums', isActive ? 'text-indigo-100' : 'text-zinc-600 dark:text-zinc-400')}>
                  {counts ? count.format(counts[view.countKey]) : '…'}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
