import { screen } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../contract/paths';
import { errorResponse } from '../../testing/mocks/error-response';
import { store, testPassword } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';

describe('/activate', () => {
  it('shows what is asking, with the code to compare and a warning, and approving sends the person back to the terminal', async () => {
    const { user } = renderApp('/activate?code=wdjb-mjht');
    expect(await screen.findByText('Only approve if you started this on your own machine just now')).toBeInTheDocument();
    expect(screen.getByText('WDJB-MJHT')).toBeInTheDocument();
    expect(screen.getByText('keyline CLI 1.0.0')).toBeInTheDocument();
    expect(screen.getByText('build-01')).toBeInTheDocument();
    expect(screen.getByText('203.0.113.9')).toBeInTheDocument();
    expect(screen.getByText('just now')).toBeInTheDocument();
    expect(screen.getByText('CLI on build-01')).toBeInTheDocument();
    // What the machine asked for, within the policy: staging, read:projects, 30 days.
    expect(screen.getByLabelText('Environment')).toHaveValue('staging');
    expect(screen.getByLabelText('Expires after')).toHaveValue('30');
    expect(screen.getByRole('checkbox', { name: /read:projects/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /write:projects/ })).not.toBeChecked();

    await user.click(screen.getByRole('checkbox', { name: /read:workflows/ }));
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('heading', { name: 'Approved: go back to your terminal' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'View the token' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'CLI on build-01' })).toBeInTheDocument();
    expect(screen.getByText('read:workflows')).toBeInTheDocument();
    expect(screen.queryByText('write:projects')).not.toBeInTheDocument();
  });

  it('denying says nothing was made', async () => {
    const { user } = renderApp('/activate?code=WDJBMJHT');
    await user.click(await screen.findByRole('button', { name: 'Deny' }));
    expect(await screen.findByRole('heading', { name: 'Denied' })).toBeInTheDocument();
    expect(screen.getByText(/no token was made/i)).toBeInTheDocument();
  });

  it('asks for the code when the link had none, and says when a typed one cannot be a code', async () => {
    const { user } = renderApp('/activate');
    const field = await screen.findByLabelText('Code from your terminal');
    await user.type(field, 'WDJB-MJH1');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('Enter the 8 letters shown in your terminal, like WDJB-MJHT.')).toBeInTheDocument();
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.type(field, 'wdjb mjht');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('button', { name: 'Approve' })).toBeInTheDocument();
  });

  it('a code nobody is waiting for gets the server’s word and the form to correct it', async () => {
    const { user } = renderApp('/activate?code=BCDF-GHJK');
    expect(await screen.findByText(/this code isn’t valid/i)).toBeInTheDocument();
    const field = screen.getByLabelText('Code from your terminal');
    await user.clear(field);
    await user.type(field, 'WDJB-MJHT');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('WDJB-MJHT')).toBeInTheDocument();
  });

  it('too many wrong codes: says to wait', async () => {
    server.use(http.post(routes.deviceLookup, () => errorResponse(429, 'rate_limit_error', 'Too many requests. Wait a moment, then try again.')));
    renderApp('/activate?code=WDJB-MJHT');
    expect(await screen.findByText('Too many wrong codes')).toBeInTheDocument();
  });

  it('approving without a scope is stopped on the page', async () => {
    const { user } = renderApp('/activate?code=WDJB-MJHT');
    await user.click(await screen.findByRole('checkbox', { name: /read:projects/ }));
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(screen.getByText('Choose at least one scope.')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /read:projects/ })).toHaveFocus();
  });

  it('a request decided elsewhere meanwhile: the server’s answer shows where the buttons are', async () => {
    server.use(
      http.post(routes.deviceApprove, () =>
        errorResponse(404, 'not_found_error', 'This code isn’t valid: check it against your terminal. Codes work once and for 10 minutes.'),
      ),
    );
    const { user } = renderApp('/activate?code=WDJB-MJHT');
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/codes work once/i);
  });

  it('signed out: signs in first and comes back with the code kept', async () => {
    store.signedIn = false;
    const { user, router } = renderApp('/activate?code=WDJB-MJHT');
    await user.type(await screen.findByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Password'), testPassword);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('WDJB-MJHT')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/activate');
    expect(router.state.location.search).toBe('?code=WDJB-MJHT');
  });
});
