import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { routes } from '../../../contract/paths';
import { emptyTokenUsage } from '../../../contract/usage';
import { buildApiKey, testNow } from '../../../testing/factories';
import { errorResponse } from '../../../testing/mocks/error-response';
import { store } from '../../../testing/mocks/store';
import { renderWithProviders } from '../../../testing/render';
import { server } from '../../../testing/server';
import { WorkspaceUsagePanel } from './workspace-usage-panel';

const tokenHref = (id: string) => `/tokens/${id}`;

function usageOf(today: { success: number; denied?: number; rejected?: number }, yesterday = 0) {
  const usage = emptyTokenUsage(testNow);
  usage.days[29] = { ...usage.days[29]!, success: today.success, denied: today.denied ?? 0, rejected: today.rejected ?? 0 };
  usage.days[28] = { ...usage.days[28]!, success: yesterday };
  return usage;
}

beforeEach(() => {
  store.user = { ...store.user, role: 'admin' };
});

describe('WorkspaceUsagePanel', () => {
  it('adds up every token’s requests per day, as a chart and a table, and lists the busiest tokens with links', async () => {
    store.apiKeys = [
      buildApiKey({ id: 'key_ci', name: 'CI deploy', environment: 'production', owner: { id: 'u_bot', username: 'release-bot', kind: 'service_account' } }),
      buildApiKey({ id: 'key_cli', name: 'Laptop CLI' }),
      buildApiKey({ id: 'key_quiet', name: 'Quiet one' }),
    ];
    store.usage = { key_ci: usageOf({ success: 40, denied: 3, rejected: 1 }, 12), key_cli: usageOf({ success: 5 }), key_quiet: usageOf({ success: 0 }) };
    const { user } = renderWithProviders(<WorkspaceUsagePanel tokenHref={tokenHref} />);

    expect(await screen.findByRole('img', { name: /Requests per day, .* 57 allowed, 3 denied \(missing scope\), 1 rejected/ })).toBeInTheDocument();
    const region = screen.getByRole('region', { name: 'Usage across the workspace' });
    expect(within(region).getByText('61')).toBeInTheDocument();

    await user.click(screen.getByText('Show the numbers as a table'));
    const today = within(screen.getByRole('table', { name: 'Requests per day' })).getByRole('row', { name: /Mar 15/ });
    expect(within(today).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['45', '3', '1']);

    const busiest = within(screen.getByRole('region', { name: 'Busiest tokens' })).getAllByRole('listitem');
    expect(busiest.map((item) => item.textContent)).toEqual([
      'CI deployrelease-bot (service account) · production56 requests',
      'Laptop CLIada · development5 requests',
    ]);
    expect(within(busiest[0]!).getByRole('link', { name: 'CI deploy' })).toHaveAttribute('href', '/tokens/key_ci');
    // Role queries over a 30-row table are slow in jsdom on a busy machine.
  }, 15_000);

  it('says so when nobody made a request', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_quiet' })];
    renderWithProviders(<WorkspaceUsagePanel tokenHref={tokenHref} />);
    expect(await screen.findByText('No requests in the last 30 days.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('shows a loading state, then the server’s error with a retry that works', async () => {
    server.use(http.get(routes.adminUsage, () => errorResponse(500, 'api_error', 'Something went wrong.'), { once: true }));
    const { user } = renderWithProviders(<WorkspaceUsagePanel tokenHref={tokenHref} />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading the workspace’s usage…');
    expect(await screen.findByRole('alert')).toHaveTextContent('We couldn’t load the workspace’s usage.Something went wrong.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No requests in the last 30 days.')).toBeInTheDocument();
  });
});
