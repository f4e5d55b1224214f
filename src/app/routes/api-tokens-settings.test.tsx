import { screen, waitFor, within } from '@testing-library/react';
import { delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../contract/paths';
import { buildApiKey, daysFromNow } from '../../testing/factories';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';

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
    expect(await screen.findByText('Showing 3 of 3')).toBeInTheDocument();
    const views = screen.getByRole('navigation', { name: 'Quick views' });
    expect(within(views).getByRole('button', { name: /never used 2/i })).toBeInTheDocument();
    expect(within(views).getByRole('button', { name: /all 3/i })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByText(/only workspace admins/i)).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Save policy' })).toBeInTheDocument();
  });

  it('shows the rows without waiting for the counts', async () => {
    seedWorkspace();
    server.use(http.get(routes.adminApiKeysSummary, () => delay('infinite')));
    renderApp('/settings/api-tokens');

    expect(await screen.findByRole('rowheader', { name: /old laptop/i })).toBeInTheDocument();
    expect(screen.getByText('Showing 3')).toBeInTheDocument();
    const views = screen.getByRole('navigation', { name: 'Quick views' });
    expect(within(views).getByRole('button', { name: 'Never used …' })).toBeInTheDocument();
  });

  it('filters by name once typing pauses, and keeps it in the URL', async () => {
    seedWorkspace();
    const { user, router } = renderApp('/settings/api-tokens');
    await screen.findByRole('rowheader', { name: /old laptop/i });
    await user.type(screen.getByRole('searchbox', { name: 'Search by name' }), 'sync');

    await waitFor(() => expect(router.state.location.search).toBe('?q=sync'));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /old laptop/i })).not.toBeInTheDocument());
    expect(screen.getByRole('rowheader', { name: /daily sync/i })).toBeInTheDocument();
    expect(await screen.findByText('Showing 1 of 1')).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search by name' })).toHaveValue('sync');
  });

  // A page of 50 rows and two rounds of dialogs: slower than most tests on a busy machine.
  it('selects every match beyond the loaded page and revokes them by filter, unless the set changed', async () => {
    store.user = { ...store.user, role: 'admin' };
    const owners = [
      { id: 'usr_maria', username: 'maria' },
      { id: 'usr_omar', username: 'omar' },
    ];
    store.apiKeys = Array.from({ length: 55 }, (_, i) =>
      buildApiKey({ id: `k${i}`, name: `Idle ${i}`, owner: owners[i % 2], lastUsedAt: null, createdAt: daysFromNow(-100) }),
    );
    const { user } = renderApp('/settings/api-tokens?view=never-used');
    await screen.findByText('Showing 50 of 55');

    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded tokens' }));
    await user.click(screen.getByRole('button', { name: 'Select all 55 matching' }));
    expect(screen.getByText('All 55 matching selected')).toBeInTheDocument();

    // Someone makes another never-used token meanwhile: the admin saw 55, now 56 match.
    store.apiKeys.push(buildApiKey({ id: 'late', name: 'Late', owner: owners[0], lastUsedAt: null }));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));
    let dialog = await screen.findByRole('alertdialog', { name: 'Revoke 55 tokens belonging to 2 people?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke 55 tokens' }));
    expect(await within(dialog).findByText(/changed since you looked/i)).toBeInTheDocument();
    expect(store.apiKeys.filter((key) => key.status === 'revoked')).toHaveLength(0);

    // Counted again: the dialog now says what a retry revokes, and the retry goes through.
    dialog = await screen.findByRole('alertdialog', { name: 'Revoke 56 tokens belonging to 2 people?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke 56 tokens' }));
    expect(await screen.findByText('Revoked 56 tokens.')).toBeInTheDocument();
    expect(store.apiKeys.every((key) => key.status === 'revoked')).toBe(true);
  }, 15_000);

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
