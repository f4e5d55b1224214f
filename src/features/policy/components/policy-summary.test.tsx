import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultPolicy } from '../../../contract/policy';
import { ApiError } from '../../../lib/api-client';
import { PolicySummary } from './policy-summary';

const noop = () => {};

describe('PolicySummary', () => {
  it('shows a skeleton while loading', () => {
    render(<PolicySummary policy={undefined} isPending error={null} onRetry={noop} />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading the token policy…');
  });

  it('offers to try again when the policy could not be loaded', async () => {
    const onRetry = vi.fn();
    const error = new ApiError({ status: 0, type: 'network_error', message: 'We couldn’t reach Keyline.' });
    render(<PolicySummary policy={undefined} isPending={false} error={error} onRetry={onRetry} />);

    await userEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows limits, environments with their allowed scopes, and the catalog by resource', () => {
    const policy = {
      ...defaultPolicy,
      maxActiveTokensPerUser: 10,
      allowedScopesByEnvironment: { production: ['read:projects', 'read:deployments'] },
    };
    render(<PolicySummary policy={policy} isPending={false} error={null} onRetry={noop} />);

    expect(screen.getByText('10')).toBeInTheDocument();
    // The scopes themselves, not a count of them.
    const production = screen.getByRole('listitem', { name: 'Production' });
    expect(within(production).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['read:projects', 'read:deployments']);
    expect(within(screen.getByRole('listitem', { name: 'Staging' })).getByText('Every scope')).toBeInTheDocument();
    expect(screen.queryByText(/scopes allowed$/)).not.toBeInTheDocument();
    const projects = screen.getByRole('region', { name: 'projects' });
    expect(within(projects).getByText('write:projects')).toBeInTheDocument();
  });

  it('reads an environment called like an Object property as any other', () => {
    const policy = { ...defaultPolicy, environments: [{ id: 'constructor', label: 'Constructor', tag: 'ctor' }], defaultEnvironment: 'constructor' };
    render(<PolicySummary policy={policy} isPending={false} error={null} onRetry={noop} />);
    expect(screen.getByRole('listitem', { name: 'Constructor' })).toHaveTextContent('Every scope');
  });

  it('says so when an environment allows no scope at all', () => {
    const policy = { ...defaultPolicy, allowedScopesByEnvironment: { production: [] } };
    render(<PolicySummary policy={policy} isPending={false} error={null} onRetry={noop} />);
    expect(screen.getByRole('listitem', { name: 'Production' })).toHaveTextContent('No scopes: tokens can’t be made for Production.');
  });
});
