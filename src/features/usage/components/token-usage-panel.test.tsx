import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../contract/paths';
import { emptyTokenUsage, type TokenUsage } from '../../../contract/usage';
import { buildApiKey, daysFromNow, testNow } from '../../../testing/factories';
import { errorResponse } from '../../../testing/mocks/error-response';
import { store } from '../../../testing/mocks/store';
import { renderWithProviders } from '../../../testing/render';
import { server } from '../../../testing/server';
import { TokenUsagePanel } from './token-usage-panel';

function seededUsage(): TokenUsage {
  const usage = emptyTokenUsage(testNow);
  usage.days[29] = { ...usage.days[29]!, success: 40, denied: 3, rejected: 1 };
  usage.days[28] = { ...usage.days[28]!, success: 12 };
  usage.scopes = [
    { scope: 'read:projects', count: 50, lastUsedAt: daysFromNow(0) },
    { scope: null, count: 2, lastUsedAt: daysFromNow(-1) },
  ];
  usage.clients = [
    { via: 'bearer', ip: '203.0.113.9', userAgent: 'curl/8.5.0', client: 'curl', count: 2, lastSeenAt: daysFromNow(-1) },
    { via: 'introspection', ip: '10.0.0.7', userAgent: null, client: null, count: 54, lastSeenAt: daysFromNow(0) },
  ];
  usage.unusedScopes = [{ scope: 'write:deployments', neverUsed: true }];
  usage.mayNarrow = true;
  return usage;
}

describe('TokenUsagePanel', () => {
  it('draws the 30 days as a chart with a summary, and the same numbers as a table', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_ci', scopes: ['read:projects', 'write:deployments'] })];
    store.usage = { key_ci: seededUsage() };
    const { user } = renderWithProviders(<TokenUsagePanel id="key_ci" now={testNow} />);

    const chart = await screen.findByRole('img', { name: /Requests per day, .* 52 allowed, 3 denied \(missing scope\), 1 rejected/ });
    expect(chart).toBeInTheDocument();
    await user.click(screen.getByText('Show the numbers as a table'));
    const table = screen.getByRole('table', { name: 'Requests per day' });
    const today = within(table).getByRole('row', { name: /Mar 15/ });
    expect(within(today).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['40', '3', '1']);
    expect(within(table).getAllByRole('row')).toHaveLength(31);
  });

  it('lists the scopes used with their last use and the clients seen', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_ci' })];
    store.usage = { key_ci: seededUsage() };
    renderWithProviders(<TokenUsagePanel id="key_ci" now={testNow} />);

    const scopes = within(await screen.findByRole('region', { name: 'Scopes used' }));
    expect(scopes.getByText('read:projects')).toBeInTheDocument();
    expect(scopes.getByText('No scope needed')).toBeInTheDocument();
    const clients = within(screen.getByRole('region', { name: 'Clients seen' }));
    expect(clients.getByText('203.0.113.9')).toBeInTheDocument();
    expect(clients.getByText('Checked by a resource server')).toBeInTheDocument();
  });

  it('suggests removing a scope it never used, and removes it in place', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_ci', scopes: ['read:projects', 'write:deployments'] })];
    store.usage = { key_ci: seededUsage() };
    const { user } = renderWithProviders(<TokenUsagePanel id="key_ci" now={testNow} />);

    const suggestion = await screen.findByRole('region', { name: 'Shrink it to the scopes it uses' });
    expect(suggestion).toHaveTextContent('remove write:deployments (never used)');
    await user.click(within(suggestion).getByRole('button', { name: 'Remove write:deployments' }));
    expect(await screen.findByRole('img', { name: /Requests per day/ })).toBeInTheDocument();
    await expect.poll(() => screen.queryByRole('region', { name: 'Shrink it to the scopes it uses' })).toBeNull();
  });

  it('shows the server’s refusal where the button was, and offers no button to a viewer who may not narrow', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_ci', scopes: ['write:deployments'] })];
    store.usage = { key_ci: seededUsage() };
    const { user, unmount } = renderWithProviders(<TokenUsagePanel id="key_ci" now={testNow} />);
    await user.click(await screen.findByRole('button', { name: 'Remove write:deployments' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A token keeps at least one scope: revoke it instead.');
    unmount();

    // The server says this viewer may not narrow (e.g. the token is no longer active): a suggestion, no button.
    store.usage = { key_ci: { ...seededUsage(), mayNarrow: false } };
    renderWithProviders(<TokenUsagePanel id="key_ci" now={testNow} />);
    expect(await screen.findByText(/remove/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
  });

  it('says so when there were no requests, and offers a retry when loading fails', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_quiet' })];
    renderWithProviders(<TokenUsagePanel id="key_quiet" now={testNow} />);
    expect(await screen.findByText('No requests in the last 30 days.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();

    server.use(http.get(routes.apiKeyUsage, () => errorResponse(500, 'api_error', 'Something went wrong.'), { once: true }));
    const { user } = renderWithProviders(<TokenUsagePanel id="key_broken" now={testNow} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('We couldn’t load how this token is used.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Not found.')).toBeInTheDocument();
  });
});
