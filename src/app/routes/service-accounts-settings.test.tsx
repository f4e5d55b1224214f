import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../contract/paths';
import { serviceAccountSchema, type ServiceAccount } from '../../contract/service-accounts';
import { buildApiKey, buildMember } from '../../testing/factories';
import { errorResponse } from '../../testing/mocks/error-response';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';

const ci = (overrides: Partial<ServiceAccount> = {}) =>
  serviceAccountSchema.parse({
    id: 'svc_ci',
    name: 'ci',
    description: 'GitHub Actions deploys',
    managers: [{ id: 'usr_mia', username: 'mia', active: true }],
    permissions: [],
    createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    createdBy: { id: 'usr_root', username: 'root' },
    liveTokens: 1,
    ...overrides,
  });

function seedAdmin() {
  store.user = { ...store.user, role: 'admin' };
  store.people = [buildMember({ id: 'usr_mia', username: 'mia' }), buildMember({ id: 'usr_gone', username: 'gone', status: 'deactivated' })];
}

// Whole flows through dialogs: slower than the default allowance on a busy machine.
const flowTimeout = { timeout: 15_000 };

describe('Settings → Service accounts', flowTimeout, () => {
  it('an admin creates one with a manager and lands on its page', async () => {
    seedAdmin();
    const { user, router } = renderApp('/settings/service-accounts');
    expect(await screen.findByRole('heading', { level: 1, name: 'Service accounts' })).toBeInTheDocument();
    expect(await screen.findByText(/no service accounts yet/i)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Service accounts' })).toHaveAttribute('aria-current', 'page');

    await user.click(screen.getByRole('button', { name: 'New service account' }));
    const dialog = screen.getByRole('dialog', { name: 'New service account' });
    await user.click(within(dialog).getByRole('button', { name: 'Create service account' }));
    expect(within(dialog).getByText('Enter a username.')).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText('Name'), 'ada');
    await user.click(within(dialog).getByRole('button', { name: 'Create service account' }));
    expect(await within(dialog).findByText(/already the name of a person/i)).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText('Name'));
    await user.type(within(dialog).getByLabelText('Name'), 'ci-deploy');
    await user.type(within(dialog).getByLabelText('Description'), 'Deploys from GitHub Actions');
    // Deactivated people are not offered as managers.
    const toAdd = await within(dialog).findByRole('list', { name: 'People to add' });
    expect(within(toAdd).queryByText('gone')).not.toBeInTheDocument();
    await user.click(within(toAdd).getByRole('checkbox', { name: 'mia' }));
    expect(within(dialog).getByRole('checkbox', { name: 'mia' })).toBeChecked();
    await user.click(within(dialog).getByRole('checkbox', { name: /introspect tokens/i }));
    await user.click(within(dialog).getByRole('button', { name: 'Create service account' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'ci-deploy' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/settings/service-accounts/svc_1');
    expect(screen.getByText('Deploys from GitHub Actions')).toBeInTheDocument();
    expect(screen.getByText('Introspect tokens')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Create your first token' })).toBeInTheDocument();
  });

  it('a member who manages none sees no link and, on the page, who can help', async () => {
    renderApp('/settings/service-accounts');
    expect(await screen.findByText(/you don’t manage any service account/i)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Service accounts' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New service account' })).not.toBeInTheDocument();
  });

  it('says so when the list cannot load, and tries again', async () => {
    seedAdmin();
    store.serviceAccounts = [ci()];
    server.use(http.get(routes.serviceAccounts, () => errorResponse(500, 'api_error', 'The server hit a snag.')));
    const { user } = renderApp('/settings/service-accounts');
    expect(await screen.findByText('We couldn’t load the service accounts.')).toBeInTheDocument();
    expect(screen.getByText('The server hit a snag.')).toBeInTheDocument();
    server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'ci' })).toBeInTheDocument();
  });
});

describe('A service account’s page', flowTimeout, () => {
  it('a manager sees its tokens and creates one for it, revealed once', async () => {
    store.user = { ...store.user, id: 'usr_mia', username: 'mia' };
    store.serviceAccounts = [ci()];
    store.apiKeys = [
      buildApiKey({ id: 'key_ci', name: 'deploy-prod', environment: 'production', owner: { id: 'svc_ci', username: 'ci', kind: 'service_account' } }),
      buildApiKey({ name: 'my laptop', owner: { id: 'usr_mia', username: 'mia' } }),
    ];
    const { user } = renderApp('/settings/service-accounts/svc_ci');
    expect(await screen.findByRole('heading', { level: 1, name: 'ci' })).toBeInTheDocument();
    // A manager reaches it from the navigation too.
    expect(screen.getByRole('link', { name: 'Service accounts' })).toBeInTheDocument();
    const tokens = screen.getByRole('region', { name: 'Tokens of ci' });
    expect(await within(tokens).findByText('deploy-prod')).toBeInTheDocument();
    expect(within(tokens).queryByText('my laptop')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();

    await user.click(screen.getAllByRole('button', { name: 'Create token' })[0]!);
    const dialog = await screen.findByRole('dialog', { name: /create/i });
    await user.type(within(dialog).getByLabelText(/^name/i), 'nightly-backup');
    await user.click(within(dialog).getByRole('button', { name: 'Deploy from CI' }));
    await user.click(within(dialog).getByRole('button', { name: /^create token$/i }));
    expect(await screen.findByRole('dialog', { name: /copy your new token/i })).toBeInTheDocument();
    expect(store.apiKeys.at(-1)?.owner).toEqual({ id: 'svc_ci', username: 'ci', kind: 'service_account' });
  });

  it('is not found for someone who does not manage it', async () => {
    store.serviceAccounts = [ci()];
    renderApp('/settings/service-accounts/svc_ci');
    expect(await screen.findByRole('heading', { level: 1, name: 'Service account not found' })).toBeInTheDocument();
  });

  it('an admin edits the managers', async () => {
    seedAdmin();
    store.serviceAccounts = [ci()];
    const { user } = renderApp('/settings/service-accounts/svc_ci');
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit ci' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'mia' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('None: only admins manage its tokens.')).toBeInTheDocument();
  });

  it('a manager who is not an admin is offered no Deactivate', async () => {
    store.user = { ...store.user, id: 'usr_mia', username: 'mia' };
    store.serviceAccounts = [ci()];
    renderApp('/settings/service-accounts/svc_ci');
    expect(await screen.findByRole('heading', { level: 1, name: 'ci' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /deactivate/i })).not.toBeInTheDocument();
  });
});

/** A paragraph whose whole text (a relative time inside it included) matches. */
const paragraphReading = (pattern: RegExp) => screen.getByText((_, element) => element?.tagName === 'P' && pattern.test(element.textContent ?? ''));

describe('Deactivating a service account', flowTimeout, () => {
  it('an admin sees its live tokens first, deactivates it, and it leaves the list for the Deactivated filter', async () => {
    seedAdmin();
    store.serviceAccounts = [ci()];
    store.apiKeys = [
      buildApiKey({
        id: 'key_ci',
        name: 'deploy-prod',
        environment: 'production',
        owner: { id: 'svc_ci', username: 'ci', kind: 'service_account' },
        lastUsedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        lastUsedUserAgent: 'GitHub-Actions/2.0',
        lastUsedIp: '203.0.113.9',
      }),
    ];
    const { user, router } = renderApp('/settings/service-accounts/svc_ci');
    await user.click(await screen.findByRole('button', { name: 'Deactivate…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Deactivate ci?' });
    // The safe choice has the focus.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(await within(dialog).findByText('1 token used in the last 7 days will stop working.')).toBeInTheDocument();
    const tokens = within(dialog).getByRole('list', { name: 'Tokens that stop working' });
    expect(within(tokens).getByText('deploy-prod')).toBeInTheDocument();
    expect(within(tokens).getByText(/used 2 hours ago/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Deactivate ci' }));
    expect(await screen.findByText('This service account is deactivated')).toBeInTheDocument();
    expect(paragraphReading(/^Deactivated just now by ada\. Its tokens were revoked/)).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    // No new tokens, and its token shows as revoked.
    expect(screen.queryByRole('button', { name: 'Create token' })).not.toBeInTheDocument();
    expect(await screen.findByText('No active tokens')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create your first token' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Deactivate…' })).not.toBeInTheDocument();
    expect(store.apiKeys[0]).toMatchObject({ status: 'revoked', revokedReason: 'owner_deactivated' });

    await user.click(screen.getByRole('link', { name: '← Service accounts' }));
    expect(await screen.findByText('No service accounts yet. Create one for each pipeline or integration that needs a token of its own.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Deactivated' }));
    expect(await screen.findByRole('link', { name: 'ci' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?status=deactivated');
  });

  it('Cancel keeps it, and an admin reactivates a deactivated one: the account comes back, its tokens stay revoked', async () => {
    seedAdmin();
    store.serviceAccounts = [ci({ status: 'deactivated', deactivated: { at: new Date(Date.now() - 3 * 86_400_000).toISOString(), by: { id: 'usr_root', username: 'root' } }, liveTokens: 0 })];
    const { user } = renderApp('/settings/service-accounts/svc_ci');
    expect(await screen.findByText('This service account is deactivated')).toBeInTheDocument();
    expect(paragraphReading(/^Deactivated 3 days ago by root\./)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reactivate' }));
    expect(await screen.findByRole('button', { name: 'Deactivate…' })).toBeInTheDocument();
    expect(screen.queryByText('This service account is deactivated')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Deactivate…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Deactivate ci?' });
    expect(await within(dialog).findByText('It has no live tokens: nothing stops working.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(store.serviceAccounts[0]?.status).toBe('active');
  });

  it('a preview that cannot load says so, and Try again loads it', async () => {
    seedAdmin();
    store.serviceAccounts = [ci()];
    server.use(http.get(routes.serviceAccountDeactivation, () => errorResponse(500, 'api_error', 'The server hit a snag.'), { once: true }));
    const { user } = renderApp('/settings/service-accounts/svc_ci');
    await user.click(await screen.findByRole('button', { name: 'Deactivate…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Deactivate ci?' });
    expect(await within(dialog).findByText(/Couldn’t check its tokens: The server hit a snag/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Try again' }));
    expect(await within(dialog).findByText('It has no live tokens: nothing stops working.')).toBeInTheDocument();
  });
});
