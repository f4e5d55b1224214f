import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultEnvironments } from '../../../contract/policy';
import { ApiError } from '../../../lib/api-client';
import { buildApiKey, daysFromNow, testNow } from '../../../testing/factories';
import { TokenList } from './token-list';

const noop = () => {};

describe('TokenList', () => {
  it('shows a skeleton while loading', () => {
    render(<TokenList tokens={undefined} isPending error={null} onRetry={noop} now={testNow} />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading tokens…');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('explains what tokens are for when there are none', () => {
    render(<TokenList tokens={[]} isPending={false} error={null} onRetry={noop} now={testNow} />);
    expect(screen.getByText('No tokens yet')).toBeInTheDocument();
    expect(screen.getByText(/let your scripts, command-line tools and CI pipelines call the API/i)).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows the error with a way to try again', async () => {
    const onRetry = vi.fn();
    const error = new ApiError({ status: 503, type: 'api_error', message: 'The service is restarting.' });
    render(<TokenList tokens={undefined} isPending={false} error={error} onRetry={onRetry} now={testNow} />);

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load your tokens.');
    expect(alert).toHaveTextContent('The service is restarting.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('lists each token with its environment, scopes, hint, times and status', () => {
    const tokens = [
      buildApiKey({
        name: 'Laptop CLI',
        description: 'Local scripts',
        environment: 'production',
        scopes: ['read:projects', 'write:projects', 'read:workflows', 'write:workflows', 'read:security'],
        hint: 'kl_prod_…a1B9',
        lastUsedAt: daysFromNow(-3),
        expiresAt: daysFromNow(12),
      }),
      buildApiKey({ name: 'Old CI', status: 'expired', lastUsedAt: null, expiresAt: daysFromNow(-2) }),
    ];
    render(
      <TokenList tokens={tokens} isPending={false} error={null} onRetry={noop} now={testNow} environments={defaultEnvironments} />,
    );

    const laptop = screen.getByRole('row', { name: /laptop cli/i });
    expect(within(laptop).getByText('Local scripts')).toBeInTheDocument();
    expect(within(laptop).getByText('Production')).toBeInTheDocument();
    expect(within(laptop).getByText('read:projects')).toBeInTheDocument();
    expect(within(laptop).getByText('read:workflows')).toBeInTheDocument();
    expect(within(laptop).queryByText('write:workflows')).not.toBeInTheDocument();
    expect(within(laptop).getByText('+2')).toBeInTheDocument();
    expect(within(laptop).getByText('kl_prod_…a1B9')).toBeInTheDocument();
    expect(within(laptop).getByText('3 days ago')).toHaveAttribute('dateTime', daysFromNow(-3));
    expect(within(laptop).getByText('in 12 days')).toBeInTheDocument();
    expect(within(laptop).getByText('Active')).toBeInTheDocument();

    const old = screen.getByRole('row', { name: /old ci/i });
    expect(within(old).getByText('Never used')).toBeInTheDocument();
    expect(within(old).getByText('Expired', { selector: 'time' })).toHaveAttribute('title');
    expect(within(old).getByText('Expired', { selector: 'span' })).toBeInTheDocument();
  });
});
