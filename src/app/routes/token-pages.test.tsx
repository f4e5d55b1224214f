import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildApiKey, daysFromNow } from '../../testing/factories';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';

// An admin's own tokens show on both pages: whichever page revokes one, the other must not keep
// showing it active from its cache (both lists are fresh for 30 s after they load). Two pages and a
// dialog each: slower than most tests on a busy machine.
function seedAdminWithTokens() {
  store.user = { ...store.user, role: 'admin' };
  store.apiKeys = [
    buildApiKey({ id: 'key_old', name: 'Old laptop', lastUsedAt: null, createdAt: daysFromNow(-200), expiresAt: daysFromNow(300) }),
    buildApiKey({ id: 'key_ci', name: 'CI deploy', expiresAt: daysFromNow(300) }),
  ];
}

const navigation = () => screen.getByRole('navigation', { name: /main/i });

describe('Integrations and the admin review share one token cache', () => {
  it('drops a token revoked in the admin review from my list', async () => {
    seedAdminWithTokens();
    const { user } = renderApp('/account/integrations');
    expect(await screen.findByRole('row', { name: /old laptop/i })).toBeInTheDocument();

    await user.click(within(navigation()).getByRole('link', { name: 'API tokens' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Select Old laptop (ada)' }));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Revoke 1 token belonging to 1 person?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke 1 token' }));
    expect(await screen.findByText('Revoked 1 token.')).toBeInTheDocument();

    await user.click(within(navigation()).getByRole('link', { name: 'Personal access tokens' }));
    expect(await screen.findByText('1 active token')).toBeInTheDocument();
    expect(screen.queryByRole('row', { name: /old laptop/i })).not.toBeInTheDocument();
    expect(screen.getByRole('row', { name: /ci deploy/i })).toBeInTheDocument();
  }, 15_000);

  it('shows a token revoked on Integrations as revoked in the admin review', async () => {
    seedAdminWithTokens();
    const { user } = renderApp('/settings/api-tokens');
    const row = await screen.findByRole('rowheader', { name: /old laptop/i });
    expect(within(row.closest('tr')!).getByText('Active')).toBeInTheDocument();

    await user.click(within(navigation()).getByRole('link', { name: 'Personal access tokens' }));
    await user.click(await screen.findByRole('button', { name: 'Revoke Old laptop' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText('“Old laptop” revoked.')).toBeInTheDocument();

    await user.click(within(navigation()).getByRole('link', { name: 'API tokens' }));
    // The review opens on active tokens: the revoked one is under "All".
    await user.click(await screen.findByRole('button', { name: /^All/ }));
    const revoked = await screen.findByRole('rowheader', { name: /old laptop/i });
    expect(await within(revoked.closest('tr')!).findByText('Revoked', { selector: 'span' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Select Old laptop (ada)' })).toBeDisabled();
  }, 15_000);
});
