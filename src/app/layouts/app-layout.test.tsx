import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../contract/paths';
import { errorResponse } from '../../testing/mocks/error-response';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';

describe('App layout', () => {
  it('sends a signed-out visitor to sign in, remembering where they were going', async () => {
    store.signedIn = false;
    const { router } = renderApp('/settings/api-tokens?view=policy');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/settings/api-tokens?view=policy');
  });

  it('sends a signed-out visitor from / to sign in without a `next`', async () => {
    store.signedIn = false;
    const { router } = renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('redirects / to Personal access tokens when signed in', async () => {
    const { router } = renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account/integrations');
  });

  it('shows who is signed in and marks the current page in the navigation', async () => {
    const { user } = renderApp('/account/integrations');

    const header = await screen.findByRole('banner');
    expect(within(header).getByText('ada')).toBeInTheDocument();
    expect(within(header).getByText('Member')).toBeInTheDocument();

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Personal access tokens' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Token policy' })).not.toHaveAttribute('aria-current');
    // A member has no workspace review to go to.
    expect(within(nav).queryByRole('link', { name: 'API tokens' })).not.toBeInTheDocument();

    await user.click(within(nav).getByRole('link', { name: 'Token policy' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Token policy' })).toBeInTheDocument();
    expect(document.title).toBe('Token policy · Keyline');
    expect(within(nav).getByRole('link', { name: 'Token policy' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Personal access tokens' })).not.toHaveAttribute('aria-current');
  });

  it('gives admins the workspace review and the policy as two pages', async () => {
    store.user = { ...store.user, role: 'admin' };
    const { user } = renderApp('/account/integrations');
    const nav = await screen.findByRole('navigation', { name: 'Main' });

    await user.click(within(nav).getByRole('link', { name: 'API tokens' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'API tokens' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save policy' })).not.toBeInTheDocument();

    await user.click(within(nav).getByRole('link', { name: 'Token policy' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Token policy' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Save policy' })).toBeInTheDocument();
  }, 15_000);

  it('signs out and lands on the sign-in page', async () => {
    const { user, router } = renderApp('/account/integrations');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(screen.queryByText('ada')).not.toBeInTheDocument();
  });

  it('shows a 404 page inside the app for an unknown address', async () => {
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to home' })).toHaveAttribute('href', '/');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });
});

describe('App layout when the account can’t be loaded', () => {
  it('says so and recovers when I try again', async () => {
    // Down until the user tries again: the route loader's early request and the layout's own both fail.
    let restarting = true;
    server.use(http.get(routes.me, () => (restarting ? errorResponse(503, 'api_error', 'Keyline is restarting.') : undefined)));
    const { user } = renderApp('/account/integrations');

    expect(await screen.findByRole('heading', { level: 1, name: 'Keyline isn’t available' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Keyline is restarting.');
    restarting = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeInTheDocument();
  });
});
