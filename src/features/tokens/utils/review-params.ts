import type { AdminApiKeySort } from '../../../contract/admin';
import { userKinds, type UserKind } from '../../../contract/users';

/** The quick views: each one a fixed set of filters, with the same definitions as the server's counts. */
export const quickViews = [
  { id: 'active', label: 'Active', countKey: 'active' },
  { id: 'never-used', label: 'Never used', countKey: 'neverUsed' },
  { id: 'unused-30', label: 'Unused 30 days', countKey: 'unused30' },
  { id: 'unused-90', label: 'Unused 90 days', countKey: 'unused90' },
  { id: 'expiring-7', label: 'Expiring in 7 days', countKey: 'expiring7' },
  { id: 'expired', label: 'Expired', countKey: 'expired' },
  { id: 'all', label: 'All', countKey: 'all' },
] as const;
export type QuickViewId = (typeof quickViews)[number]['id'];

export const statusOptions = ['all', 'active', 'expired', 'revoked'] as const;
export type StatusOption = (typeof statusOptions)[number];

export const sortOptions = [
  { value: 'lastUsedAt-asc', label: 'Last used, stalest first' },
  { value: 'lastUsedAt-desc', label: 'Last used, latest first' },
  { value: 'createdAt-desc', label: 'Created, newest first' },
  { value: 'createdAt-asc', label: 'Created, oldest first' },
  { value: 'expiresAt-asc', label: 'Expires, soonest first' },
  { value: 'expiresAt-desc', label: 'Expires, latest first' },
] as const;
export type SortOption = (typeof sortOptions)[number]['value'];

/** Everything that shapes the review, as kept in the URL. */
export type ReviewState = {
  view: QuickViewId;
  /** Only applies to the "All" view; the others fix their own status. */
  status: StatusOption;
  owner: string;
  /** People's tokens or service accounts'; '' for both. */
  ownerKind: UserKind | '';
  environment: string;
  q: string;
  sort: SortOption;
  /** Only active tokens holding a scope 30 days or more without a use. */
  overScoped: boolean;
};

/** What the review opens on: the tokens that still work, not expired rows first. */
export const defaultReviewState: ReviewState = {
  view: 'active',
  status: 'all',
  owner: '',
  ownerKind: '',
  environment: '',
  q: '',
  sort: 'lastUsedAt-asc',
  overScoped: false,
};

/** The query string of `GET /api/admin/api-keys` (without the cursor). */
export type ReviewQuery = {
  owner?: string;
  ownerKind?: UserKind;
  environment?: string;
  status?: 'active' | 'expired' | 'revoked' | 'all';
  neverUsed?: boolean;
  unusedForDays?: number;
  expiringWithinDays?: number;
  q?: string;
  overScoped?: boolean;
  sort: AdminApiKeySort;
  order: 'asc' | 'desc';
  limit?: number;
};

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback;

/** Unknown or malformed values fall back to the defaults: an old or hand-edited link still opens. */
export function parseReviewParams(params: URLSearchParams): ReviewState {
  return {
    view: oneOf(quickViews.map((v) => v.id), params.get('view'), defaultReviewState.view),
    status: oneOf(statusOptions, params.get('status'), defaultReviewState.status),
    owner: params.get('owner')?.slice(0, 64) ?? '',
    ownerKind: oneOf<UserKind | ''>(userKinds, params.get('ownerKind'), ''),
    environment: params.get('environment')?.slice(0, 64) ?? '',
    q: params.get('q')?.slice(0, 100) ?? '',
    sort: oneOf(sortOptions.map((s) => s.value), params.get('sort'), defaultReviewState.sort),
    overScoped: params.get('overScoped') === 'true',
  };
}

/** Only what differs from the defaults, so the plain page has a plain URL. */
export function reviewStateToParams(state: ReviewState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(defaultReviewState) as (keyof ReviewState)[]) {
    if (key === 'status' && state.view !== 'all') continue;
    if (state[key] !== defaultReviewState[key]) params.set(key, String(state[key]));
  }
  return params;
}

const viewFilters: Record<QuickViewId, Partial<ReviewQuery>> = {
  active: { status: 'active' },
  all: {},
  'never-used': { status: 'active', neverUsed: true },
  'unused-30': { unusedForDays: 30 },
  'unused-90': { unusedForDays: 90 },
  'expiring-7': { expiringWithinDays: 7 },
  expired: { status: 'expired' },
};

export function reviewStateToQuery(state: ReviewState): ReviewQuery {
  const [sort, order] = state.sort.split('-') as [AdminApiKeySort, 'asc' | 'desc'];
  const query: ReviewQuery = { sort, order };
  if (state.owner.trim()) query.owner = state.owner.trim();
  if (state.ownerKind) query.ownerKind = state.ownerKind;
  if (state.environment) query.environment = state.environment;
  if (state.q.trim()) query.q = state.q.trim();
  if (state.view === 'all' && state.status !== 'all') query.status = state.status;
  if (state.overScoped) query.overScoped = true;
  return { ...query, ...viewFilters[state.view] };
}

/** The filters of a query without its sort: what the summary counts and "Select all N matching" revokes. */
export type ReviewFilter = Omit<ReviewQuery, 'sort' | 'order' | 'limit'>;

export function filterOf(query: ReviewQuery): ReviewFilter {
  const { sort: _sort, order: _order, limit: _limit, ...filter } = query;
  return filter;
}

/** Anything beyond every token there is: an empty answer then means "nothing matches", not "no tokens". */
export const isNarrowed = (state: ReviewState) =>
  state.view !== 'all' || state.status !== 'all' || state.owner !== '' || state.ownerKind !== '' || state.environment !== '' || state.q !== '' || state.overScoped;
