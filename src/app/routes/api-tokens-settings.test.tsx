import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildApiKey, daysFromNow } from '../../testing/factories';
import { store } from '../../testing/handlers';
import { renderApp } from '../../testing/render';

function seedWorkspace() {
  store.user = { ...store.user, role: 'admin' };
  const maria = { id: 'usr_maria', username: 'maria' };
  const omar = { id: 'usr_omar', username: 'omar' };
  store.apiKeys = [
    buildApiKey({ id: 'k1', name: 'Old laptop', owner: maria, lastUsedAt: null, createdAt: daysFromNow(-200), expiresAt: daysFromNow(300) }),
    buildApiKey({ id: 'k2', name: 'Forgotten CI', owner: omar, lastUsedAt: null, createdAt: daysFromNow(-100), expiresAt: daysFromNow(300) }),
    buildApiKey({ id: 'k3', name: 'Daily sync', owner: omar, lastUsedAt: new Date().toISOString(), expiresAt: daysFromNow(300) }),
  ];
}

describe('Settings → API Tokens', () => {
  it('shows members the policy and points them to their own tokens', async () => {
    renderApp('/settings/api-tokens');

    expect(await screen.findByRole('heading', { level: 1, name: 'API Tokens' })).toBeInTheDocument();
    expect(screen.getByText(/only workspace admins can review everyone’s tokens/i)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Account → Integrations' })).toHaveAttribute('href', '/account/integrations');

    expect(await screen.findByText('30 days')).toBeInTheDocument();
    expect(screen.getByText('365 days')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'deployments' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /export csv/i })).not.toBeInTheDocument();
  });

  it('shows admins everyone’s tokens with owners and quick-view counts', async () => {
    seedWorkspace();
    renderApp('/settings/api-tokens');

    expect(await screen.findByRole('rowheader', { name: /old laptop/i })).toBeInTheDocument();
    expect(screen.getByText('Showing 3 of 3')).toBeInTheDocument();
    const views = screen.getByRole('navigation', { name: 'Quick views' });
    expect(within(views).getByRole('button', { name: /never used 2/i })).toBeInTheDocument();
    expect(within(views).getByRole('button', { name: /all 3/i })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByText(/only workspace admins/i)).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Save policy' })).toBeInTheDocument();
  });

  it('keeps the quick view in the URL, selects all and bulk-revokes after confirming', async () => {
    seedWorkspace();
    const { user, router } = renderApp('/settings/api-tokens');
    await user.click(await screen.findByRole('button', { name: /never used 2/i }));
    await waitFor(() => expect(router.state.location.search).toBe('?view=never-used'));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /daily sync/i })).not.toBeInTheDocument());

    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded tokens' }));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Revoke 2 tokens belonging to 2 people?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke 2 tokens' }));

    expect(await screen.findByText('Revoked 2 tokens.')).toBeInTheDocument();
    expect(await screen.findByText('No tokens match this view')).toBeInTheDocument();
    expect(store.apiKeys.map((key) => key.status)).toEqual(['revoked', 'revoked', 'active']);
  });

  it('shows field errors on the policy form', async () => {
    seedWorkspace();
    const { user } = renderApp('/settings/api-tokens');
    const max = await screen.findByRole('textbox', { name: 'Maximum lifetime (days)' });
    await user.clear(max);
    await user.type(max, '10');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('The default cannot be longer than the maximum.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Default lifetime (days)' })).toHaveAttribute('aria-invalid', 'true');
  });
});
