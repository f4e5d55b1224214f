import { render as renderInPage, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultEnvironments } from '../../../contract/policy';
import { ApiError } from '../../../lib/api-client';
import { buildAdminApiKey, testNow } from '../../../testing/factories';
import { AdminReviewResults } from './admin-review-results';

const noop = () => {};
// Token names link to their pages: rows need a router around them.
const render = (ui: ReactElement) => renderInPage(ui, { wrapper: MemoryRouter });
const maria = { id: 'usr_maria', username: 'maria' };
const laptop = buildAdminApiKey({ name: 'Old laptop', owner: maria });
const base = {
  tokens: [laptop],
  isPending: false,
  error: null,
  onRetry: noop,
  isRetrying: false,
  isRefreshing: false,
  isNarrowed: false,
  onShowAll: noop,
  matchingTotal: undefined,
  hasMore: false,
  isLoadingMore: false,
  loadMoreFailed: false,
  onLoadMore: noop,
  now: testNow,
  environments: defaultEnvironments,
  selection: {
    ids: new Set<string>(),
    allMatching: false,
    count: 0,
    canSelectAllMatching: false,
    onToggle: noop,
    onToggleAllLoaded: noop,
    onSelectAllMatching: noop,
    onClear: noop,
    onRevoke: noop,
    onNarrow: noop,
  },
  onRevoke: noop,
};

describe('AdminReviewResults', () => {
  it('shows a skeleton while the first page loads', () => {
    render(<AdminReviewResults {...base} tokens={undefined} isPending />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading tokens…');
  });

  it('says the tokens didn’t load and why, while a retry is under way', () => {
    const error = new ApiError({ status: 503, type: 'api_error', message: 'The service is restarting.' });
    render(<AdminReviewResults {...base} tokens={undefined} error={error} isRetrying />);
    expect(screen.getByRole('alert')).toHaveTextContent(/We couldn’t load the tokens\..*The service is restarting\./);
    expect(screen.getByRole('button', { name: 'Trying again…' })).toHaveAttribute('aria-disabled', 'true');
  });

  it('tells "nothing matches" from "no tokens at all"', async () => {
    const onShowAll = vi.fn();
    const { rerender } = render(<AdminReviewResults {...base} tokens={[]} />);
    expect(screen.getByText('Nobody has made a token yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show all tokens' })).not.toBeInTheDocument();

    rerender(<AdminReviewResults {...base} tokens={[]} isNarrowed onShowAll={onShowAll} />);
    expect(screen.getByText('No tokens match this view')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show all tokens' }));
    expect(onShowAll).toHaveBeenCalledTimes(1);
  });

  it('says how many are shown, counting when there are more to load', () => {
    const { rerender } = render(<AdminReviewResults {...base} hasMore />);
    expect(screen.getByText('Showing 1 (counting…)')).toBeInTheDocument();
    rerender(<AdminReviewResults {...base} hasMore matchingTotal={55} />);
    expect(screen.getByText('Showing 1 of 55')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeEnabled();
  });

  it('offers every match once the loaded rows are selected, and the bulk revoke', async () => {
    const onSelectAllMatching = vi.fn();
    const onRevoke = vi.fn();
    const selection = { ...base.selection, ids: new Set([laptop.id]), count: 1, canSelectAllMatching: true, onSelectAllMatching, onRevoke };
    render(<AdminReviewResults {...base} matchingTotal={55} hasMore selection={selection} />);
    expect(screen.getByText('1 selected')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Select all 55 matching' }));
    expect(onSelectAllMatching).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Revoke selected' }));
    expect(onRevoke).toHaveBeenCalledTimes(1);
  });
});
