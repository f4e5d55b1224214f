import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultPolicy } from '../../../contract/policy';
import { buildApiKey, daysFromNow, testNow } from '../../../testing/factories';
import { store } from '../../../testing/mocks/store';
import { renderWithProviders } from '../../../testing/render';
import { TokenListPanel } from './token-list-panel';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: testNow });
});
afterEach(() => {
  vi.useRealTimers();
});

const renderPanel = (path = '/account/integrations') =>
  renderWithProviders(<TokenListPanel policy={defaultPolicy} now={testNow} />, { path });

describe('TokenListPanel: counts and filters', () => {
  it('counts what a search matches out of the tokens it searched, beside a banner that counts them all', async () => {
    store.apiKeys = [
      buildApiKey({ id: 'key_a', name: 'Alpha deploy', expiresAt: daysFromNow(3) }),
      buildApiKey({ id: 'key_b', name: 'Beta scripts', expiresAt: daysFromNow(5) }),
      buildApiKey({ id: 'key_c', name: 'Canary job' }),
    ];
    renderPanel('/account/integrations?q=zebra');

    expect(await screen.findByText('0 of 3 active tokens match')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Expiring tokens' })).toHaveTextContent('2 tokens expire within 7 days');
    expect(screen.queryByText('0 active tokens')).not.toBeInTheDocument();
  });

  it('says how many there are when nothing narrows the list', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_a', name: 'Alpha deploy' }), buildApiKey({ id: 'key_b', name: 'Beta scripts' })];
    renderPanel();
    expect(await screen.findByText('2 active tokens')).toBeInTheDocument();
    expect(screen.getByRole('search', { name: 'Filter tokens' })).toBeInTheDocument();
  });

  it('hides the filters when there are no tokens at all', async () => {
    store.apiKeys = [];
    renderPanel();
    expect(await screen.findByText('No tokens yet')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('search', { name: 'Filter tokens' })).not.toBeInTheDocument());
    expect(screen.queryByText(/0 active tokens/)).not.toBeInTheDocument();
  });

  it('keeps the filters when only revoked or expired tokens are left, so they can be found', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_d', name: 'Dead key', status: 'revoked', revokedAt: daysFromNow(-1) })];
    const { user } = renderPanel();
    expect(await screen.findByText('No active tokens')).toBeInTheDocument();
    expect(screen.getByRole('search', { name: 'Filter tokens' })).toBeInTheDocument();
    expect(screen.queryByText('No tokens yet')).not.toBeInTheDocument();
    // Nothing is filtered, so nothing to clear: the way is to the revoked and expired ones.
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show all tokens' }));
    expect(await screen.findByText('Dead key')).toBeInTheDocument();
  });
});
