import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApiKey, daysFromNow, testNow } from '../../testing/factories';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: testNow });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Token detail page', () => {
  it('is linked from the list and shows settings, scopes and the timeline', async () => {
    store.apiKeys = [
      buildApiKey({
        id: 'key_ci',
        name: 'CI deploy',
        scopes: ['read:deployments', 'write:deployments'],
        lastUsedAt: daysFromNow(-1),
        lastUsedIp: '203.0.113.9',
        lastUsedUserAgent: 'curl/8.5.0',
      }),
    ];
    const { user } = renderApp('/account/integrations');
    await user.click(await screen.findByRole('link', { name: 'CI deploy' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'CI deploy' })).toBeInTheDocument();
    const scopes = screen.getByRole('list', { name: 'Scopes' });
    expect(within(scopes).getByText('write:deployments')).toBeInTheDocument();
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    expect(within(timeline).getByText('Created by ada')).toBeInTheDocument();
    expect(within(timeline).getByText(/from 203\.0\.113\.9 with curl/)).toBeInTheDocument();
  });

  it('ends a rotation’s grace period early', async () => {
    store.apiKeys = [
      buildApiKey({
        id: 'key_ci',
        name: 'CI deploy',
        rotation: { rotatedAt: daysFromNow(0), previousSecretValidUntil: daysFromNow(1), previousSecretActive: true, previousSecretUses: 2 },
      }),
    ];
    const { user } = renderApp('/account/integrations/tokens/key_ci');
    expect(await screen.findByText('The previous secret still works')).toBeInTheDocument();
    expect(screen.getByText(/Used 2 times since the rotate/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'End grace period now' }));
    await waitFor(() => expect(screen.queryByText('The previous secret still works')).not.toBeInTheDocument());
  });

  it('revokes from the page', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_ci', name: 'CI deploy' })];
    const { user } = renderApp('/account/integrations/tokens/key_ci');
    await user.click(await screen.findByRole('button', { name: 'Revoke' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText('Revoked', { selector: 'span' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rotate' })).not.toBeInTheDocument();
  });

  it('?rotate=1 (the link in an email) opens the rotate dialog; closing it drops the parameter', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_ci', name: 'CI deploy' })];
    const { user, router } = renderApp('/account/integrations/tokens/key_ci?rotate=1');
    const dialog = await screen.findByRole('dialog', { name: 'Rotate “CI deploy”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(router.state.location.search).toBe('');
    expect(screen.getByRole('heading', { level: 1, name: 'CI deploy' })).toBeInTheDocument();
  });

  it('?rotate=1 on someone else’s token (an admin following the link) opens nothing', async () => {
    store.user = { ...store.user, role: 'admin' };
    store.apiKeys = [buildApiKey({ id: 'key_ci', name: 'CI deploy', owner: { id: 'usr_2', username: 'bob' } })];
    renderApp('/account/integrations/tokens/key_ci?rotate=1');
    expect(await screen.findByText('Owner: bob')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('says so when the token is not there', async () => {
    renderApp('/account/integrations/tokens/nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no such token.');
  });
});
