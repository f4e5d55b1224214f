import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../contract/paths';
import { ssoInfoSchema } from '../../contract/sso';
import { mockInviteCode } from '../../testing/mocks/member-handlers';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';

describe('/invite/<code>', () => {
  it('says plainly when a link no longer works', async () => {
    renderApp(`/invite/${'y'.repeat(43)}`);
    expect(await screen.findByRole('heading', { name: 'This link doesn’t work any more' })).toBeInTheDocument();
    expect(screen.getByText(/ask an admin of your workspace for a new one/i)).toBeInTheDocument();
  });

  it('a malformed code is refused without asking the server', async () => {
    renderApp('/invite/not-a-code');
    expect(await screen.findByRole('heading', { name: 'This link doesn’t work any more' })).toBeInTheDocument();
  });

  it('with password sign-in off, sends the person to the provider instead of asking for a password', async () => {
    store.signedIn = false;
    server.use(http.get(routes.sso, () => HttpResponse.json(ssoInfoSchema.parse({ provider: { name: 'Acme ID' }, passwordSignIn: false }))));
    renderApp(`/invite/${mockInviteCode}`);
    expect(await screen.findByRole('heading', { name: `Welcome, ${store.user.username}` })).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: 'Sign in with Acme ID' });
    expect(link).toHaveAttribute('href', '/api/sso/start?returnTo=%2Faccount%2Fintegrations');
    expect(screen.getByText(/signs in through Acme ID: there is no password to choose/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Choose a password')).not.toBeInTheDocument();
  });

  it('greets the person, checks the password twice, then signs them in', async () => {
    store.signedIn = false;
    const { user, router } = renderApp(`/invite/${mockInviteCode}`);
    expect(await screen.findByRole('heading', { name: `Welcome, ${store.user.username}` })).toBeInTheDocument();
    await user.click(screen.getByLabelText('Choose a password'));
    await user.paste('short');
    await user.click(screen.getByRole('button', { name: 'Join and sign in' }));
    expect(screen.getByText('Use at least 12 characters.')).toBeInTheDocument();
    expect(screen.getByLabelText('Choose a password')).toHaveFocus();

    await user.clear(screen.getByLabelText('Choose a password'));
    await user.click(screen.getByLabelText('Choose a password'));
    await user.paste('correct horse battery');
    await user.click(screen.getByLabelText('Type it again'));
    await user.paste('correct horse battery!');
    await user.click(screen.getByRole('button', { name: 'Join and sign in' }));
    expect(screen.getByText(/the two passwords differ/i)).toBeInTheDocument();
    expect(screen.getByLabelText('Type it again')).toHaveFocus();

    await user.clear(screen.getByLabelText('Type it again'));
    await user.click(screen.getByLabelText('Type it again'));
    await user.paste('correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Join and sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: /integrations|personal access tokens/i })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account/integrations');
  });
});
