import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../contract/paths';
import { serviceAccountSchema } from '../../contract/service-accounts';
import { buildApiKey, buildMember } from '../../testing/factories';
import { errorResponse } from '../../testing/mocks/error-response';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';

function seedPeople() {
  store.user = { ...store.user, role: 'admin' };
  const hal = buildMember({ id: 'usr_hal', username: 'hal', liveTokens: 2, lastTokenUseAt: new Date().toISOString() });
  store.people = [buildMember({ id: store.user.id, username: store.user.username, role: 'admin' }), hal, buildMember({ username: 'newbie', status: 'invited', lastSignInAt: null })];
  store.apiKeys = [
    buildApiKey({ name: 'deploy-prod', owner: { id: 'usr_hal', username: 'hal' }, lastUsedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(), lastUsedUserAgent: 'GitHub-Actions-Runner github-actions' }),
    buildApiKey({ name: 'old laptop', owner: { id: 'usr_hal', username: 'hal' }, lastUsedAt: null }),
  ];
}

describe('Settings → Members', () => {
  it('lists people with status, tokens and sign-in, and filters in the URL', async () => {
    seedPeople();
    const { user, router } = renderApp('/settings/members');

    expect(await screen.findByRole('heading', { level: 1, name: 'Members' })).toBeInTheDocument();
    const halRow = (await screen.findByText('hal')).closest('tr')!;
    expect(within(halRow).getByText('Active')).toBeInTheDocument();
    expect(within(halRow).getByText('2')).toBeInTheDocument();
    expect(within(screen.getByText('newbie').closest('tr')!).getByText('Invited')).toBeInTheDocument();
    expect(screen.getByText('Showing 3 of 3 people')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Status'), 'invited');
    await waitFor(() => expect(router.state.location.search).toBe('?status=invited'));
    expect(await screen.findByText('Showing 1 of 1 person')).toBeInTheDocument();
    expect(screen.queryByText('hal')).not.toBeInTheDocument();
  });

  it('adds a person and shows their invite link once', async () => {
    seedPeople();
    const { user } = renderApp('/settings/members');
    await user.click(await screen.findByRole('button', { name: 'Add person' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a person' });
    await user.click(within(dialog).getByRole('button', { name: 'Add and create invite link' }));
    expect(within(dialog).getByText('Enter a username.')).toBeInTheDocument();

    await user.click(within(dialog).getByLabelText('Username'));
    await user.paste('hal');
    await user.click(within(dialog).getByRole('button', { name: 'Add and create invite link' }));
    expect(await within(dialog).findByText(/someone named “hal” is already here/i)).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText('Username'));
    await user.click(within(dialog).getByLabelText('Username'));
    await user.paste('dana');
    await user.click(within(dialog).getByLabelText(/^Admin/));
    await user.click(within(dialog).getByRole('button', { name: 'Add and create invite link' }));
    const invited = await screen.findByRole('dialog', { name: 'dana is invited' });
    expect(within(invited).getByLabelText('Invite link')).toHaveValue(`${location.origin}/invite/${'x'.repeat(43)}`);
    expect(within(invited).getByText(/only time it is shown/)).toBeInTheDocument();
    await user.click(within(invited).getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('dana')).toBeInTheDocument();
  });

  it('previews what deactivating stops, with Cancel first, then deactivates', async () => {
    seedPeople();
    const { user } = renderApp('/settings/members');
    await user.click(await screen.findByRole('button', { name: 'Manage hal' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'hal' })).getByRole('button', { name: 'Deactivate…' }));

    const confirm = await screen.findByRole('alertdialog', { name: 'Deactivate hal?' });
    expect(await within(confirm).findByText('1 token used in the last 7 days will stop working.')).toBeInTheDocument();
    expect(within(confirm).getByText('used 2 hours ago with GitHub Actions')).toBeInTheDocument();
    expect(within(confirm).getByText('never used')).toBeInTheDocument();
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.click(within(confirm).getByRole('button', { name: 'Deactivate hal' }));
    const dialog = await screen.findByRole('dialog', { name: 'hal' });
    expect(await within(dialog).findByRole('button', { name: 'Reactivate' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(within(screen.getByText('hal').closest('tr')!).getByText('Deactivated')).toBeInTheDocument();
  });

  it('moves a token’s duty to a service account before deactivating: same settings, new secret shown once', { timeout: 20_000 }, async () => {
    seedPeople();
    store.serviceAccounts = [
      serviceAccountSchema.parse({ id: 'svc_ci', name: 'ci', description: null, managers: [], permissions: [], createdAt: new Date().toISOString(), createdBy: null, liveTokens: 0 }),
    ];
    // The replacement keeps the expiry, which the policy checks against the real clock.
    store.apiKeys[0]!.expiresAt = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const { user } = renderApp('/settings/members');
    await user.click(await screen.findByRole('button', { name: 'Manage hal' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'hal' })).getByRole('button', { name: 'Deactivate…' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Deactivate hal?' });
    // Its code loads with the preview, after the click: more than the default second on a busy machine.
    await user.click(await within(confirm).findByRole('button', { name: 'Move to a service account… (deploy-prod)' }, { timeout: 5000 }));

    const move = await screen.findByRole('dialog', { name: 'Move “deploy-prod” to a service account' });
    expect(await within(move).findByLabelText('Service account')).toHaveDisplayValue('ci');
    await user.click(within(move).getByRole('button', { name: 'Create replacement' }));
    const reveal = await screen.findByRole('dialog', { name: 'Copy your new token' }, { timeout: 5000 });
    await user.click(within(reveal).getByRole('button', { name: 'I have stored it' }));
    expect(await within(confirm).findByText('Replacement on ci')).toBeInTheDocument();

    const original = store.apiKeys.find((key) => key.name === 'deploy-prod' && key.owner.id === 'usr_hal')!;
    const replacement = store.apiKeys.find((key) => key.owner.id === 'svc_ci')!;
    expect(replacement).toMatchObject({ name: 'deploy-prod', environment: original.environment, scopes: original.scopes, expiresAt: original.expiresAt });
  });

  it('says why the last admin cannot step down', async () => {
    seedPeople();
    const { user } = renderApp('/settings/members');
    await user.click(await screen.findByRole('button', { name: `Manage ${store.user.username}` }));
    const dialog = await screen.findByRole('dialog', { name: store.user.username });
    await user.click(within(dialog).getByRole('button', { name: 'Step down to member' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This is the last active admin. Make someone else an admin first.');
  });

  it('shows a member only themselves, with nothing to change', async () => {
    seedPeople();
    store.user = { ...store.user, role: 'member' };
    store.people = store.people.map((person) => (person.id === store.user.id ? { ...person, role: 'member' } : person));
    renderApp('/settings/members');
    expect(await screen.findByText(/only admins can add people/i)).toBeInTheDocument();
    expect(within(await screen.findByRole('table')).getByText(store.user.username)).toBeInTheDocument();
    expect(screen.queryByText('hal')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add person' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Manage/ })).not.toBeInTheDocument();
  });

  it('offers Try again when the list cannot load', async () => {
    seedPeople();
    let failing = true;
    server.use(http.get(routes.users, () => (failing ? errorResponse(500, 'api_error', 'Something went wrong on our side.') : undefined)));
    const { user } = renderApp('/settings/members');
    expect(await screen.findByText('We couldn’t load people.')).toBeInTheDocument();
    failing = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('hal')).toBeInTheDocument();
  });

  it('says when a person’s history cannot load, and Try again loads it', async () => {
    seedPeople();
    let failing = true;
    server.use(http.get(routes.user, () => (failing ? errorResponse(503, 'api_error', 'Keyline is restarting.') : undefined)));
    const { user } = renderApp('/settings/members');
    await user.click(await screen.findByRole('button', { name: 'Manage hal' }));
    const dialog = await screen.findByRole('dialog', { name: 'hal' });
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load the history.');
    expect(alert).toHaveTextContent('Keyline is restarting.');
    failing = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument());
  });
});
