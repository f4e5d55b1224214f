import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { routes } from '../../../contract/paths';
import { emptyTokenUsage } from '../../../contract/usage';
import { buildApiKey, daysFromNow, testNow } from '../../../testing/factories';
import { errorResponse } from '../../../testing/mocks/error-response';
import { store } from '../../../testing/mocks/store';
import { renderWithProviders } from '../../../testing/render';
import { server } from '../../../testing/server';
import { AdminTokenReview } from './admin-token-review';

const used = (...scopes: string[]) => {
  const usage = emptyTokenUsage(testNow);
  usage.scopes = scopes.map((scope) => ({ scope, count: 3, lastUsedAt: daysFromNow(-1) }));
  return usage;
};

beforeEach(() => {
  store.user = { ...store.user, role: 'admin' };
  const old = daysFromNow(-300);
  store.apiKeys = [
    buildApiKey({ id: 'k_wide', name: 'Deploy bot', createdAt: old, scopes: ['read:projects', 'read:deployments', 'write:deployments'] }),
    buildApiKey({ id: 'k_busy', name: 'Daily sync', createdAt: old, scopes: ['read:projects'] }),
    buildApiKey({ id: 'k_single', name: 'Audit script', createdAt: old, scopes: ['read:security'], lastUsedAt: null }),
  ];
  store.usage = { k_wide: used('read:projects', 'read:deployments'), k_busy: used('read:projects') };
});

const row = (name: string) => screen.getByRole('rowheader', { name: new RegExp(name, 'i') }).closest('tr')!;

describe('AdminTokenReview: scopes in use', () => {
  it('says how much of its scopes each row uses, filters the over-scoped ones in the URL, and removes their unused scopes in bulk', async () => {
    const { user, router } = renderWithProviders(<AdminTokenReview policy={undefined} now={testNow} />, { path: '/settings/api-tokens' });
    await screen.findByRole('rowheader', { name: /deploy bot/i });
    expect(within(row('deploy bot')).getByText('Uses only 2 of its 3 scopes')).toBeInTheDocument();
    expect(within(row('audit script')).getByText('Uses none of its 1 scope')).toBeInTheDocument();
    expect(within(row('daily sync')).queryByText(/^Uses/)).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: /only over-scoped tokens/i }));
    await waitFor(() => expect(router.state.location.search).toBe('?overScoped=true'));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /daily sync/i })).not.toBeInTheDocument());

    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded tokens' }));
    await user.click(screen.getByRole('button', { name: 'Remove unused scopes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove unused scopes from 1 token?' });
    expect(within(dialog).getByRole('list', { name: 'Scopes to remove' })).toHaveTextContent('Deploy bot (ada): remove write:deployments');
    expect(within(dialog).getByRole('region', { name: 'Left as they are (1)' })).toHaveTextContent(
      'Audit script (ada): A token keeps at least one scope: revoke it instead.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Remove unused scopes' }));

    expect(await screen.findByText('Removed unused scopes from 1 token, skipped 1.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Narrowed: no longer over-scoped, so it leaves this view.
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /deploy bot/i })).not.toBeInTheDocument());
    expect(store.apiKeys.find((key) => key.id === 'k_wide')?.scopes).toEqual(['read:projects', 'read:deployments']);
  }, 20_000);

  it('keeps the dialog open with the server’s refusal when nothing could be removed', async () => {
    server.use(http.post(routes.adminApiKeysNarrow, () => errorResponse(500, 'api_error', 'Something went wrong.'), { once: true }));
    const { user } = renderWithProviders(<AdminTokenReview policy={undefined} now={testNow} />, { path: '/settings/api-tokens' });
    await user.click(await screen.findByRole('checkbox', { name: /select deploy bot/i }));
    await user.click(screen.getByRole('button', { name: 'Remove unused scopes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove unused scopes from 1 token?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove unused scopes' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('No scopes were removed.Something went wrong.');
    expect(store.apiKeys.find((key) => key.id === 'k_wide')?.scopes).toHaveLength(3);
  }, 20_000);
});
