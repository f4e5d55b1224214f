import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { store, testPassword } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';

async function signIn(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText('Username'), 'ada');
  await user.type(screen.getByLabelText('Password'), testPassword);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('Sign-in page', () => {
  it('goes to `next` after signing in', async () => {
    store.signedIn = false;
    const { user, router } = renderApp('/sign-in?next=%2Fsettings%2Ftoken-policy');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();

    await signIn(user);

    expect(await screen.findByRole('heading', { level: 1, name: 'Token policy' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/settings/token-policy');
  });

  it('ignores a `next` that leaves the site and goes to Integrations', async () => {
    store.signedIn = false;
    const { user, router } = renderApp('/sign-in?next=%2F%2Fevil.example%2Fphish');

    await signIn(user);

    expect(await screen.findByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account/integrations');
  });

  it('sends someone already signed in to Integrations when `next` hides a protocol-relative URL', async () => {
    const { router } = renderApp('/sign-in?next=%2F.%2F%2Fevil.example%2Fx');

    expect(await screen.findByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account/integrations');
  });

  it('sends someone already signed in straight on', async () => {
    const { router } = renderApp('/sign-in');

    expect(await screen.findByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account/integrations');
  });

  it('after a session expires mid-create, says so, keeps the username, and gives the draft back after signing in', async () => {
    const { user, router } = renderApp('/account/integrations');
    await user.click(await screen.findByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a token' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Nightly backup');
    await user.type(within(dialog).getByRole('textbox', { name: /Description/ }), 'Runs at 2 AM');
    await user.click(within(within(dialog).getByRole('radiogroup', { name: 'Projects' })).getByRole('radio', { name: 'Read' }));

    store.signedIn = false; // the session ends on the server while the form is open
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText('Your session expired')).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveValue('ada');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(router.state.location.search).toBe('?next=%2Faccount%2Fintegrations');

    await user.type(screen.getByLabelText('Password'), testPassword);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const restored = await screen.findByRole('dialog', { name: 'Create a token' });
    expect(within(restored).getByRole('textbox', { name: 'Name' })).toHaveValue('Nightly backup');
    expect(within(restored).getByRole('textbox', { name: /Description/ })).toHaveValue('Runs at 2 AM');
    expect(within(within(restored).getByRole('radiogroup', { name: 'Projects' })).getByRole('radio', { name: 'Read' })).toBeChecked();
    expect(store.apiKeys.some((key) => key.name === 'Nightly backup')).toBe(false);
  }, 20_000); // a whole create, sign-in and return, typed key by key

  it('says nothing about an expired session on a first visit', async () => {
    store.signedIn = false;
    renderApp('/account/integrations');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByText('Your session expired')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveValue('');
  });
});
