import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../contract/paths';
import { ssoInfoSchema } from '../../contract/sso';
import { errorResponse } from '../../testing/mocks/error-response';
import { store, testPassword } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';

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

describe('Sign-in page with single sign-on', () => {
  const ssoConfigured = () => server.use(http.get(routes.sso, () => HttpResponse.json(ssoInfoSchema.parse({ provider: { name: 'Acme ID' }, passwordSignIn: true }))));

  it('offers "Sign in with <provider>" that goes to the provider and back to `next`, and keeps the password form', async () => {
    store.signedIn = false;
    ssoConfigured();
    renderApp('/sign-in?next=%2Fsettings%2Ftoken-policy');

    const link = await screen.findByRole('link', { name: 'Sign in with Acme ID' });
    expect(link).toHaveAttribute('href', '/api/sso/start?returnTo=%2Fsettings%2Ftoken-policy');
    expect(screen.getByText('or with your password')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('with password sign-in off, offers only the provider: no password form, and no "or with your password"', async () => {
    store.signedIn = false;
    server.use(http.get(routes.sso, () => HttpResponse.json(ssoInfoSchema.parse({ provider: { name: 'Acme ID' }, passwordSignIn: false }))));
    renderApp('/sign-in?next=%2Faccount%2Fsecurity&sso_error=unavailable');

    const link = await screen.findByRole('link', { name: 'Sign in with Acme ID' });
    expect(link).toHaveAttribute('href', '/api/sso/start?returnTo=%2Faccount%2Fsecurity');
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Username')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign in' })).not.toBeInTheDocument();
    expect(screen.queryByText('or with your password')).not.toBeInTheDocument();
    // An unreachable provider is not followed by advice to use a password there is none of.
    expect(screen.getByRole('alert')).toHaveTextContent('Acme ID can’t be reached right now. Try again in a moment.');
  });

  it('never hands an outside `next` to the provider', async () => {
    store.signedIn = false;
    ssoConfigured();
    renderApp('/sign-in?next=https%3A%2F%2Fevil.example');

    expect(await screen.findByRole('link', { name: 'Sign in with Acme ID' })).toHaveAttribute('href', '/api/sso/start?returnTo=%2Faccount%2Fintegrations');
  });

  it('offers no provider when single sign-on is off', async () => {
    store.signedIn = false;
    renderApp('/sign-in');

    expect(await screen.findByLabelText('Password')).toBeInTheDocument();
    // The answer has come (the page asked once the form showed): still no link.
    await screen.findByRole('button', { name: 'Sign in' });
    expect(screen.queryByRole('link', { name: /Sign in with/ })).not.toBeInTheDocument();
    expect(screen.queryByText('or with your password')).not.toBeInTheDocument();
  });

  it('says why a sign-in through the provider did not happen', async () => {
    store.signedIn = false;
    ssoConfigured();
    renderApp('/sign-in?sso_error=unknown_user');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You were not signed in');
    expect(await screen.findByText(/Your Acme ID account isn’t a member of this workspace/)).toBeInTheDocument();
  });

  it('ignores an error code it does not know', async () => {
    store.signedIn = false;
    renderApp('/sign-in?sso_error=%3Cscript%3E');

    expect(await screen.findByLabelText('Password')).toBeInTheDocument();
    expect(screen.queryByText('You were not signed in')).not.toBeInTheDocument();
  });

  it('keeps password sign-in working when the server cannot say whether single sign-on is on', async () => {
    store.signedIn = false;
    server.use(http.get(routes.sso, () => errorResponse(500, 'api_error', 'Something went wrong on our side.')));
    const { user, router } = renderApp('/sign-in?sso_error=unavailable');

    expect(await screen.findByText(/Your sign-in provider can’t be reached right now/)).toBeInTheDocument();
    await signIn(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account/integrations');
  });
});
