import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { policyQueries } from '../../features/policy/api';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';

describe('Settings → Token policy', () => {
  it('shows members the policy in words, the scopes each environment allows, and where their own tokens are', async () => {
    store.policy = { ...store.policy, allowedScopesByEnvironment: { production: ['read:projects', 'read:deployments'] } };
    renderApp('/settings/token-policy');

    expect(await screen.findByRole('heading', { level: 1, name: 'Token policy' })).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Personal access tokens' })).toHaveAttribute('href', '/account/integrations');
    expect(await screen.findByText('30 days')).toBeInTheDocument();
    expect(screen.getByText('365 days')).toBeInTheDocument();

    const production = screen.getByRole('listitem', { name: 'Production' });
    expect(within(production).getByText('read:projects')).toBeInTheDocument();
    expect(within(production).getByText('read:deployments')).toBeInTheDocument();
    expect(within(production).queryByText('write:deployments')).not.toBeInTheDocument();
    expect(within(screen.getByRole('listitem', { name: 'Staging' })).getByText('Every scope')).toBeInTheDocument();
    expect(screen.queryByText(/of 8 scopes allowed/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save policy' })).not.toBeInTheDocument();
  });

  it('gives admins the editor at its own address, with field errors on the form', async () => {
    store.user = { ...store.user, role: 'admin' };
    const { user } = renderApp('/settings/token-policy');

    expect(await screen.findByRole('heading', { level: 1, name: 'Token policy' })).toBeInTheDocument();
    const max = await screen.findByRole('textbox', { name: 'Maximum lifetime (days)' });
    await user.clear(max);
    await user.type(max, '10');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('The default cannot be longer than the maximum.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Default lifetime (days)' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('after a save, says so and keeps focus on Save while the page takes in the saved policy', async () => {
    store.user = { ...store.user, role: 'admin' };
    const { user, queryClient } = renderApp('/settings/token-policy');
    const active = await screen.findByRole('textbox', { name: 'Active tokens per person' });
    await user.type(active, '5');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));

    expect(await screen.findByText('Policy saved.')).toBeInTheDocument();
    // The saved policy is refetched; the form must not start over and lose focus and the confirmation.
    await waitFor(() => expect(queryClient.getQueryData(policyQueries.get().queryKey)?.maxActiveTokensPerUser).toBe(5));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save policy' })).toHaveFocus());
    expect(screen.getByText('Policy saved.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Active tokens per person' })).toHaveValue('5');
  });
});
