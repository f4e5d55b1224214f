import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { store } from '../../testing/handlers';
import { renderApp } from '../../testing/render';

describe('Settings → API Tokens', () => {
  it('shows members the policy and points them to their own tokens', async () => {
    renderApp('/settings/api-tokens');

    expect(await screen.findByRole('heading', { level: 1, name: 'API Tokens' })).toBeInTheDocument();
    expect(screen.getByText(/only admins can review everyone’s tokens/i)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Account → Integrations' })).toHaveAttribute('href', '/account/integrations');

    expect(await screen.findByText('30 days')).toBeInTheDocument();
    expect(screen.getByText('365 days')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'deployments' })).toBeInTheDocument();
    expect(screen.getByText('Create and roll back deployments')).toBeInTheDocument();
  });

  it('shows admins the policy without the members’ note', async () => {
    store.user = { ...store.user, role: 'admin' };
    renderApp('/settings/api-tokens');

    expect(await screen.findByText('30 days')).toBeInTheDocument();
    expect(screen.getByText('Admin')).toBeInTheDocument();
    expect(screen.queryByText(/only admins can review/i)).not.toBeInTheDocument();
  });
});
