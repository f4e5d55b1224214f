import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paths, routes } from '../../contract/paths';
import { retryDelay, shouldRetry } from '../../lib/query-client';
import { buildApiKey, daysFromNow, testNow } from '../../testing/factories';
import { errorResponse } from '../../testing/mocks/error-response';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';

// Relative times ("3 days ago") are computed against the factories' fixed clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: testNow });
});
afterEach(() => {
  vi.useRealTimers();
});

const rowNames = () =>
  screen
    .getAllByRole('rowheader')
    .map((header) => header.querySelector('span')?.textContent);

function seedMany() {
  store.apiKeys = [
    buildApiKey({ id: 'key_a', name: 'Alpha deploy', environment: 'production', createdAt: daysFromNow(-5) }),
    buildApiKey({ id: 'key_b', name: 'Beta scripts', environment: 'development', createdAt: daysFromNow(-4) }),
    buildApiKey({ id: 'key_c', name: 'Canary job', environment: 'production', createdAt: daysFromNow(-3) }),
    buildApiKey({ id: 'key_d', name: 'Dead key', environment: 'production', status: 'revoked', revokedAt: daysFromNow(-1) }),
  ];
}

describe('Integrations page', () => {
  it('lists my tokens and how to use one', async () => {
    renderApp('/account/integrations');

    expect(await screen.findByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeInTheDocument();
    expect(await screen.findByRole('row', { name: /laptop cli/i })).toBeInTheDocument();
    const deploy = screen.getByRole('row', { name: /production deploy/i });
    expect(within(deploy).getByText('Never used')).toBeInTheDocument();
    expect(within(deploy).getByText('+2')).toBeInTheDocument();
    expect(await within(deploy).findByText('Production')).toBeInTheDocument();

    // Below the list, loaded once it is on screen.
    const usage = await screen.findByRole('region', { name: 'Use a token' });
    expect(within(usage).getByText(/curl --fail-with-body -H "Authorization: Bearer \$KEYLINE_TOKEN" http:\/\/.+\/api\/auth\/me/)).toBeInTheDocument();
  });

  it('invites me to create my first token when I have none', async () => {
    store.apiKeys = [];
    renderApp('/account/integrations');
    expect(await screen.findByText('No tokens yet')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Create your first token' })).toBeEnabled();
  });

  it('recovers from a failed load when I try again', async () => {
    let failing = true;
    server.use(http.get(routes.apiKeys, () => (failing ? errorResponse(500, 'api_error', 'Something broke on our side.') : undefined)));
    const { user } = renderApp('/account/integrations');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load your tokens.');
    expect(alert).toHaveTextContent('Something broke on our side.');
    failing = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('row', { name: /laptop cli/i })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says which permission is missing when the API refuses', async () => {
    server.use(http.get(routes.apiKeys, () => errorResponse(403, 'permission_error', 'Your role cannot list tokens.')));
    renderApp('/account/integrations');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You don’t have permission to see your tokens.');
    expect(alert).toHaveTextContent('Your role cannot list tokens.');
  });

  it('waits out a rate limit, says so, and retries by itself', async () => {
    server.use(
      http.get(
        routes.apiKeys,
        () =>
          HttpResponse.json(
            { error: { type: 'rate_limit_error', message: 'Slow down.' } },
            { status: 429, headers: { 'Retry-After': '1' } },
          ),
        { once: true },
      ),
    );
    const { queryClient } = renderApp('/account/integrations');
    // The test client never retries; give the token queries the app's real policy.
    queryClient.setQueryDefaults(['tokens'], { retry: shouldRetry, retryDelay });

    expect(await screen.findByText('Too many requests — retrying in 1 s.')).toBeInTheDocument();
    expect(await screen.findByRole('row', { name: /laptop cli/i }, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.queryByText(/too many requests/i)).not.toBeInTheDocument();
  });

  it('keeps the list and says so in a toast when a background refresh fails', async () => {
    const { queryClient, user } = renderApp('/account/integrations');
    expect(await screen.findByRole('row', { name: /laptop cli/i })).toBeInTheDocument();

    server.use(http.get(routes.apiKeys, () => HttpResponse.error(), { once: true }));
    await queryClient.invalidateQueries({ queryKey: ['tokens'] });

    expect(await screen.findByText('Couldn’t refresh your tokens. Showing what we had.')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /laptop cli/i })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/couldn’t refresh/i)).not.toBeInTheDocument();
  });

  it('sends me to sign in when my session ends while I am here', async () => {
    const { router, queryClient } = renderApp('/account/integrations');
    expect(await screen.findByRole('row', { name: /laptop cli/i })).toBeInTheDocument();

    store.signedIn = false;
    // What a background refetch (window focus, a mutation's invalidation) would do.
    await queryClient.invalidateQueries({ queryKey: ['tokens'] });

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByText('Laptop CLI')).not.toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/account/integrations');
  });
});

describe('Integrations page: filters in the URL', () => {
  it('reproduces a view from a link', async () => {
    seedMany();
    renderApp('/account/integrations?sort=name&order=desc&environment=production');

    await waitFor(() => expect(rowNames()).toEqual(['Canary job', 'Alpha deploy']));
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveDisplayValue('Name');
    expect(screen.getByRole('combobox', { name: 'Order' })).toHaveDisplayValue('Z to A');
    expect(await screen.findByRole('combobox', { name: 'Environment' })).toHaveDisplayValue('Production');
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveDisplayValue('Active');
  });

  it('falls back to the defaults for parameters it does not understand', async () => {
    seedMany();
    renderApp('/account/integrations?sort=owner&order=up&status=deleted&environment=%2F%2F');

    await waitFor(() => expect(rowNames()).toEqual(['Canary job', 'Beta scripts', 'Alpha deploy']));
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveDisplayValue('Created');
    expect(screen.getByRole('combobox', { name: 'Order' })).toHaveDisplayValue('Newest first');
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveDisplayValue('Active');
    expect(screen.getByRole('combobox', { name: 'Environment' })).toHaveDisplayValue('All');
  });

  it('writes the controls to the URL', async () => {
    seedMany();
    const { user, router } = renderApp('/account/integrations');
    await waitFor(() => expect(rowNames()).toHaveLength(3));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'All');
    expect(await screen.findByRole('row', { name: /dead key/i })).toHaveAttribute('data-status', 'revoked');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Name');

    const params = new URLSearchParams(router.state.location.search);
    expect(Object.fromEntries(params)).toEqual({ status: 'all', sort: 'name', order: 'asc' });
    await waitFor(() => expect(rowNames()).toEqual(['Alpha deploy', 'Beta scripts', 'Canary job', 'Dead key']));
  });

  it('searches as I type, after a pause, without a history entry per keystroke', async () => {
    seedMany();
    const { user, router } = renderApp('/account/integrations');
    await waitFor(() => expect(rowNames()).toHaveLength(3));

    const search = screen.getByRole('searchbox', { name: 'Search by name' });
    await user.type(search, 'can');
    expect(search).toHaveValue('can');
    // Not yet: the list waits for a pause in typing.
    expect(router.state.location.search).toBe('');
    expect(rowNames()).toHaveLength(3);

    await waitFor(() => expect(router.state.location.search).toBe('?q=can'));
    expect(router.state.historyAction).toBe('REPLACE');
    await waitFor(() => expect(rowNames()).toEqual(['Canary job']));
  });

  it('says when nothing matches and clears the filters', async () => {
    seedMany();
    const { user, router } = renderApp('/account/integrations?q=zebra&environment=production');

    expect(await screen.findByText('No tokens match these filters')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    await waitFor(() => expect(rowNames()).toHaveLength(3));
    expect(router.state.location.search).toBe('');
    expect(screen.getByRole('searchbox', { name: 'Search by name' })).toHaveValue('');
  });
});

// Pages of 50 rows take a while to render in jsdom on a loaded machine.
describe('Integrations page: many tokens', { timeout: 30_000 }, () => {
  function seedPages(count: number) {
    store.apiKeys = Array.from({ length: count }, (_, i) =>
      buildApiKey({
        id: `key_${String(i).padStart(3, '0')}`,
        name: `Token ${String(i).padStart(3, '0')}`,
        createdAt: new Date(testNow.getTime() - (i + 1) * 60_000).toISOString(),
        expiresAt: daysFromNow(i < 7 ? 1 + (i % 6) : 30),
      }),
    );
  }

  it('shows 50 at a time, counts them all, and loads more on request', { timeout: 20_000 }, async () => {
    seedPages(120);
    const { user } = renderApp('/account/integrations');

    // Rows past the first screenful arrive in a deferred render: on a busy machine, later than waitFor's default second.
    await waitFor(() => expect(rowNames()).toHaveLength(50), { timeout: 5000 });
    expect(rowNames()[0]).toBe('Token 000');
    expect(screen.getByText('120 active tokens')).toBeInTheDocument();
    expect(screen.getByText('Showing 50 of 120')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rowNames()).toHaveLength(100), { timeout: 5000 });
    expect(rowNames()[50]).toBe('Token 050');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rowNames()).toHaveLength(120), { timeout: 5000 });
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(screen.queryByText(/^Showing/)).not.toBeInTheDocument();
  });

  it('warns about every token expiring soon, not only the loaded ones, and lists them soonest first', async () => {
    seedPages(60);
    // Expiring soon, but far down the list (oldest): not among the 50 rows shown.
    store.apiKeys.push(buildApiKey({ id: 'key_old', name: 'Old nightly', createdAt: daysFromNow(-300), expiresAt: daysFromNow(0.5) }));
    const { user, router } = renderApp('/account/integrations');

    const banner = await screen.findByRole('region', { name: 'Expiring tokens' });
    expect(within(banner).getByText('8 tokens expire within 7 days')).toBeInTheDocument();
    expect(rowNames()).not.toContain('Old nightly');
    const rotates = within(banner).getAllByRole('button', { name: /^Rotate / });
    expect(rotates.map((button) => button.getAttribute('aria-label'))).toEqual([
      'Rotate Old nightly',
      'Rotate Token 000',
      'Rotate Token 006',
      'Rotate Token 001',
      'Rotate Token 002',
    ]);

    await user.click(within(banner).getByRole('button', { name: 'Show all 8, soonest first' }));
    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({ sort: 'expiresAt', order: 'asc' });
    await waitFor(() => expect(rowNames()[0]).toBe('Old nightly'));
  });

  it('takes a revoked token out of the pages and the counts at once, and puts it back if the server refuses', async () => {
    seedPages(60);
    server.use(http.delete(paths.apiKey('key_000'), () => errorResponse(500, 'api_error', 'Database is down.'), { once: true }));
    const { user } = renderApp('/account/integrations');
    await screen.findByText('60 active tokens');

    await user.click(screen.getByRole('button', { name: 'Revoke Token 000' }));
    await user.click(await screen.findByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Couldn’t revoke “Token 000”: Database is down.');
    expect(screen.getByRole('row', { name: /token 000/i })).toBeInTheDocument();
    expect(screen.getByText('60 active tokens')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Revoke Token 001' }));
    await user.click(await screen.findByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: /token 001/i })).not.toBeInTheDocument());
    expect(await screen.findByText('59 active tokens')).toBeInTheDocument();
    const banner = screen.getByRole('region', { name: 'Expiring tokens' });
    expect(within(banner).queryByText('Token 001')).not.toBeInTheDocument();
    expect(within(banner).getByText('6 tokens expire within 7 days')).toBeInTheDocument();
  });
});

describe('Integrations page: revoking', () => {
  it('asks first, naming the token and its last use, then removes it', async () => {
    const { user } = renderApp('/account/integrations');
    await user.click(await screen.findByRole('button', { name: 'Revoke Laptop CLI' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Revoke “Laptop CLI”?' });
    expect(dialog).toHaveTextContent('stops working at once.');
    expect(dialog).toHaveTextContent('It was last used 3 days ago.');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke token' }));

    await waitFor(() => expect(screen.queryByRole('row', { name: /laptop cli/i })).not.toBeInTheDocument());
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await screen.findByText('“Laptop CLI” revoked.')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /production deploy/i })).toBeInTheDocument();
    expect(store.apiKeys.find((key) => key.id === 'key_cli')?.status).toBe('revoked');
  });

  it('dims it in a list that shows revoked tokens too', async () => {
    const { user } = renderApp('/account/integrations?status=all');
    await user.click(await screen.findByRole('button', { name: 'Revoke Production deploy' }));
    expect(await screen.findByRole('alertdialog')).toHaveTextContent('It has never been used.');
    await user.click(screen.getByRole('button', { name: 'Revoke token' }));

    const row = screen.getByRole('row', { name: /production deploy/i });
    await waitFor(() => expect(row).toHaveAttribute('data-status', 'revoked'));
    expect(within(row).getByText('Revoked', { selector: 'span' })).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /revoke/i })).not.toBeInTheDocument();
  });

  it('keeps it when I cancel', async () => {
    const { user } = renderApp('/account/integrations');
    await user.click(await screen.findByRole('button', { name: 'Revoke Laptop CLI' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('row', { name: /laptop cli/i })).toBeInTheDocument();
  });

  it('puts it back and says why when the server refuses', async () => {
    server.use(http.delete(paths.apiKey('key_cli'), () => errorResponse(500, 'api_error', 'Database is down.'), { once: true }));
    const { user } = renderApp('/account/integrations');
    await user.click(await screen.findByRole('button', { name: 'Revoke Laptop CLI' }));
    await user.click(await screen.findByRole('button', { name: 'Revoke token' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t revoke “Laptop CLI”: Database is down. It is still active.');
    expect(screen.getByRole('row', { name: /laptop cli/i })).toBeInTheDocument();
    expect(store.apiKeys.find((key) => key.id === 'key_cli')?.status).toBe('active');
  });
});
