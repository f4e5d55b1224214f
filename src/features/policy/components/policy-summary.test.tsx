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
    expect(screen.getByText('Production').closest('li')).toHaveTextContent('2 of 8 scopes allowed');
    expect(screen.getByText('Staging').closest('li')).toHaveTextContent('All scopes allowed');
    const projects = screen.getByRole('region', { name: 'projects' });
    expect(within(projects).getByText('write:projects')).toBeInTheDocument();
  });

  it('reads an environment called like an Object property as any other', () => {
    const policy = { ...defaultPolicy, environments: [{ id: 'constructor', label: 'Constructor', tag: 'ctor' }], defaultEnvironment: 'constructor' };
    render(<PolicySummary policy={policy} isPending={false} error={null} onRetry={noop} />);
    expect(screen.getByText('Constructor').closest('li')).toHaveTextContent('All scopes allowed');
  });
});
