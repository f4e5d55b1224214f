import { apiKeySortFields } from '../../../contract/tokens';

export type TokenSort = (typeof apiKeySortFields)[number];
export type TokenOrder = 'asc' | 'desc';
export type TokenStatusFilter = 'active' | 'expired' | 'revoked' | 'all';

/** What the list shows, as read from (and written to) the page's URL. */
export type TokenListView = {
  status: TokenStatusFilter;
  /** An environment id, or '' for all environments. */
  environment: string;
  q: string;
  sort: TokenSort;
  order: TokenOrder;
};

export const statusOptions: { value: TokenStatusFilter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'all', label: 'All' },
];

export const sortOptions: { value: TokenSort; label: string }[] = [
  { value: 'lastUsedAt', label: 'Last used' },
  { value: 'createdAt', label: 'Created' },
  { value: 'name', label: 'Name' },
  { value: 'expiresAt', label: 'Expires' },
];

/** The direction people usually want first for each sort, and how each direction reads. */
const orderLabels: Record<TokenSort, Record<TokenOrder, string>> = {
  lastUsedAt: { desc: 'Most recent first', asc: 'Least recent first' },
  createdAt: { desc: 'Newest first', asc: 'Oldest first' },
  name: { asc: 'A to Z', desc: 'Z to A' },
  expiresAt: { asc: 'Soonest first', desc: 'Latest first' },
};

export const naturalOrder: Record<TokenSort, TokenOrder> = {
  lastUsedAt: 'desc',
  createdAt: 'desc',
  name: 'asc',
  expiresAt: 'asc',
};

export function orderOptions(sort: TokenSort): { value: TokenOrder; label: string }[] {
  const first = naturalOrder[sort];
  const second: TokenOrder = first === 'asc' ? 'desc' : 'asc';
  return [first, second].map((value) => ({ value, label: orderLabels[sort][value] }));
}

export const defaultTokenListView: TokenListView = {
  status: 'active',
  environment: '',
  q: '',
  sort: 'createdAt',
  order: 'desc',
};

const maxQueryLength = 100;
const environmentPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/**
 * Reads the view from the URL. Anything unknown falls back to its default, so a stale or
 * hand-edited link still opens a sensible page. `environments` (ids from the policy) narrows the
 * accepted environments once it is known.
 */
export function parseTokenListView(params: URLSearchParams, environments?: readonly string[]): TokenListView {
  const sort = oneOf(params.get('sort'), apiKeySortFields) ?? defaultTokenListView.sort;
  const order = oneOf(params.get('order'), ['asc', 'desc'] as const) ?? (params.has('sort') ? naturalOrder[sort] : defaultTokenListView.order);
  const status = oneOf(params.get('status'), statusOptions.map((o) => o.value)) ?? defaultTokenListView.status;
  const rawEnvironment = params.get('environment') ?? '';
  const environment =
    environmentPattern.test(rawEnvironment) && (!environments || environments.includes(rawEnvironment)) ? rawEnvironment : '';
  const q = (params.get('q') ?? '').slice(0, maxQueryLength);
  return { status, environment, q, sort, order };
}

/** The URL for a view: only what differs from the defaults, so links stay short. */
export function tokenListViewToParams(view: TokenListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.sort !== defaultTokenListView.sort || view.order !== defaultTokenListView.order) {
    params.set('sort', view.sort);
    params.set('order', view.order);
  }
  if (view.environment) params.set('environment', view.environment);
  if (view.status !== defaultTokenListView.status) params.set('status', view.status);
  const q = view.q.trim();
  if (q) params.set('q', q);
  return params;
}

/** The API query for a view. */
export function tokenListViewToQuery(view: TokenListView) {
  return {
    status: view.status,
    environment: view.environment || undefined,
    q: view.q.trim() || undefined,
    sort: view.sort,
    order: view.order,
  };
}

/** True when the view narrows the list (as opposed to sorting it). */
export function isFiltered(view: TokenListView): boolean {
  return view.environment !== '' || view.q.trim() !== '' || view.status !== defaultTokenListView.status;
}
