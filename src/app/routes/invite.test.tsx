import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockInviteCode } from '../../testing/mocks/member-handlers';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';

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
