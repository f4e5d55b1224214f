import { screen, waitFor, within } from '@testing-library/react';
import { delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../contract/paths';
import { buildApiKey, daysFromNow } from '../../testing/factories';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';
import { errorResponse } from '../../testing/mocks/error-response';

function seedWorkspace() {
  store.user = { ...store.user, role: 'admin' };
  const maria = { id: 'usr_maria', username: 'maria' };
  const omar = { id: 'usr_omar', username: 'omar' };
  store.apiKeys = [
    buildApiKey({ id: 'k1', name: 'Old laptop', owner: maria, lastUsedAt: null, createdAt: daysFromNow(-200), expiresAt: daysFromNow(300) }),
    buildApiKey({ id: 'k2', name: 'Forgotten CI', owner: omar, lastUsedAt: null, createdAt: daysFromNow(-100), expiresAt: daysFromNow(300) }),
    buildApiKey({ id: 'k3', name: 'Daily sync', owner: omar, lastUsedAt: new Date().toISOString(), expiresAt: daysFromNow(300) }),
    buildApiKey({ id: 'k4', name: 'Last year’s demo', owner: maria, status: 'expired', createdAt: daysFromNow(-400), expiresAt: daysFromNow(-35) }),
  ];
}

describe('Settings → API tokens', () => {
  it('sends members, who have no workspace review, to the token policy', async () => {
    const { router } = renderApp('/settings/api-tokens');

    expect(await screen.findByRole('heading', { level: 1, name: 'Token policy' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/settings/token-policy');
    expect(screen.queryByRole('button', { name: /export csv/i })).not.toBeInTheDocument();
  });

  it('shows admins everyone’s tokens with owners and quick-view counts', async () => {
    seedWorkspace();
    renderApp('/settings/api-tokens');

    expect(await screen.findByRole('rowheader', { name: /old laptop/i })).toBeInTheDocument();
    expect(await screen.findByText('Showing 3 of 3')).toBeInTheDocument();
    const views = screen.getByRole('navigation', { name: 'Quick views' });
    expect(within(views).getByRole('button', { name: /never used 2/i })).toBeInTheDocument();
    // Opens on the tokens that still work: the expired one waits behind "All".
    expect(within(views).getByRole('button', { name: 'Active 3' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(views).getByRole('button', { name: 'All 4' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.queryByRole('rowheader', { name: /last year’s demo/i })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'API tokens' })).toBeInTheDocument();
    // The policy has a page of its own, linked from here: not a form thousands of pixels below the rows.
    expect(screen.getByRole('link', { name: 'token policy' })).toHaveAttribute('href', '/settings/token-policy');
    expect(screen.queryByRole('button', { name: 'Save policy' })).not.toBeInTheDocument();
  });

  it('says which tokens belong to service accounts and shows only theirs on request', async () => {
    seedWorkspace();
    store.apiKeys.push(buildApiKey({ id: 'k5', name: 'Nightly deploy', owner: { id: 'svc_ci', username: 'ci', kind: 'service_account' } }));
    const { user, router } = renderApp('/settings/api-tokens');

    const row = (await screen.findByRole('rowheader', { name: /nightly deploy/i })).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('Service account')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Owner type'), 'Service accounts');
    await waitFor(() => expect(router.state.location.search).toBe('?ownerKind=service_account'));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /old laptop/i })).not.toBeInTheDocument());
    expect(screen.getByRole('rowheader', { name: /nightly deploy/i })).toBeInTheDocument();
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

  it('revokes one token from its row menu after confirming, says so, and offers the revoked ones', async () => {
    seedWorkspace();
    const { user, router } = renderApp('/settings/api-tokens');
    await user.click(await screen.findByRole('button', { name: 'Actions for Old laptop (maria)' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Revoke…' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Revoke “Old laptop”?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Revoke token' }));

    // Said where the row was, and focus goes there rather than to the page's body with the row.
    const notice = (await screen.findByText(/“Old laptop” \(maria\) revoked\./)).closest('[role="status"]');
    await waitFor(() => expect(notice).toHaveFocus());
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /old laptop/i })).not.toBeInTheDocument());
    expect(store.apiKeys.find((key) => key.id === 'k1')?.status).toBe('revoked');

    await user.click(screen.getByRole('button', { name: 'Show revoked tokens' }));
    await waitFor(() => expect(router.state.location.search).toBe('?view=all&status=revoked'));
    expect(await screen.findByRole('rowheader', { name: /old laptop/i })).toBeInTheDocument();
  }, 15_000);

  it('says a failed revoke failed, keeps the row and offers to try again', async () => {
    seedWorkspace();
    server.use(http.delete(routes.apiKey, () => errorResponse(503, 'api_error', 'Keyline is restarting.')));
    const { user } = renderApp('/settings/api-tokens');
    await user.click(await screen.findByRole('button', { name: 'Actions for Old laptop (maria)' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Revoke…' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Revoke token' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t revoke “Old laptop”: Keyline is restarting. It is still active.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: /old laptop/i })).toBeInTheDocument();
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
    expect(store.apiKeys.map((key) => key.status)).toEqual(['revoked', 'revoked', 'active', 'expired']);
  });
});
