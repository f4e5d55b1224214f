import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultEnvironments } from '../../../contract/policy';
import { defaultReviewState } from '../utils/review-params';
import { defaultTokenListView } from '../utils/token-filters';
import { AdminReviewFilters } from './admin-review-filters';
import { TokenFilters } from './token-filters';

const noop = () => {};

/** What a user reads in a page's filters: the search box's name and each shared select's options. */
function readFilters(container: HTMLElement) {
  const scope = within(container);
  const options = (name: string) =>
    within(scope.getByRole('combobox', { name })).getAllByRole('option').map((option) => option.textContent);
  return {
    search: scope.getByRole('searchbox', { name: 'Search by name' }).getAttribute('placeholder'),
    environment: options('Environment'),
    status: options('Status'),
  };
}

describe('token filters on both pages', () => {
  it('use the same words for search, environment and status', () => {
    const mine = render(<TokenFilters view={defaultTokenListView} environments={defaultEnvironments} onChange={noop} />);
    const admin = render(
      <AdminReviewFilters
        state={{ ...defaultReviewState, view: 'all' }}
        counts={undefined}
        countsFailed={false}
        onRecount={noop}
        environments={defaultEnvironments}
        onChange={noop}
      />,
    );
    const personal = readFilters(mine.container);
    expect(personal).toEqual({
      search: 'e.g. deploy',
      environment: ['All', 'Development', 'Staging', 'Production'],
      status: ['Active', 'Expired', 'Revoked', 'All'],
    });
    expect(readFilters(admin.container)).toEqual(personal);
  });

  it('keeps an environment from a link that the policy no longer lists, by the name the link gave', () => {
    render(<TokenFilters view={{ ...defaultTokenListView, environment: 'qa' }} environments={defaultEnvironments} onChange={noop} />);
    expect(screen.getByRole('combobox', { name: 'Environment' })).toHaveDisplayValue('qa');
  });
});
