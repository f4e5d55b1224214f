import { screen } from '@testing-library/react';
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
});
