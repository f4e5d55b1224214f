import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../contract/paths';
import { ssoInfoSchema } from '../../contract/sso';
import { errorResponse } from '../../testing/mocks/error-response';
import { store, testPassword } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';

const sessionItems = () => within(screen.getByRole('list', { name: 'Sessions' })).getAllByRole('listitem');

describe('My account → Security', () => {
  it('is in the Account navigation and lists my sessions, this device first', async () => {
    renderApp('/account/security');
    expect(await screen.findByRole('heading', { level: 1, name: 'Security' })).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Security' })).toHaveAttribute('aria-current', 'page');
    await screen.findByText('Safari on iPhone');
    const [first, second] = sessionItems();
    expect(within(first!).getByText('Chrome on macOS')).toBeInTheDocument();
    expect(within(first!).getByText('This device')).toBeInTheDocument();
    expect(within(second!).getByText('1 hour ago')).toBeInTheDocument();
  });

  it('offers to change my password, and hides it when people sign in only through the provider', async () => {
    const { unmount } = renderApp('/account/security');
    expect(await screen.findByRole('heading', { level: 2, name: 'Change password' })).toBeInTheDocument();
    unmount();

    server.use(http.get(routes.sso, () => HttpResponse.json(ssoInfoSchema.parse({ provider: { name: 'Acme ID' }, passwordSignIn: false }))));
    renderApp('/account/security');
    expect(await screen.findByText(/You sign in through Acme ID, so your password is managed there/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Change password' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/current password/i)).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Where you’re signed in' })).toBeInTheDocument();
  });

  it('has an Email notices section with my choices', async () => {
    renderApp('/account/security');
    const section = await screen.findByRole('region', { name: 'Email notices' });
    expect(await within(section).findByRole('checkbox', { name: /Remind me before my tokens expire/ })).toBeChecked();
  });

  it('signs out one other session', async () => {
    const { user } = renderApp('/account/security');
    await user.click(await screen.findByRole('button', { name: /^Sign out Safari on iPhone/ }));
    expect(await screen.findByText('Signed out of that session.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('Safari on iPhone')).not.toBeInTheDocument());
    expect(screen.getByText('You are not signed in anywhere else.')).toBeInTheDocument();
  });

  it('asks before signing out all other sessions; Cancel keeps them', async () => {
    const { user } = renderApp('/account/security');
    await user.click(await screen.findByRole('button', { name: 'Sign out all other sessions' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Sign out all other sessions?' });
    expect(confirm).toHaveTextContent('This signs out 1 other session.');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByText('Safari on iPhone')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign out all other sessions' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Sign out 1 other session' }));
    expect(await screen.findByText('Signed out of 1 other session.')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await waitFor(() => expect(sessionItems()).toHaveLength(1));
  });

  it('a failed sign-out of all others stays in the dialog with the reason', async () => {
    server.use(http.delete(routes.accountSessions, () => errorResponse(503, 'api_error', 'Keyline is busy. Try again in a moment.')));
    const { user } = renderApp('/account/security');
    await user.click(await screen.findByRole('button', { name: 'Sign out all other sessions' }));
    const confirm = screen.getByRole('alertdialog');
    await user.click(within(confirm).getByRole('button', { name: 'Sign out 1 other session' }));
    expect(await within(confirm).findByText('Keyline is busy. Try again in a moment.')).toBeInTheDocument();
    expect(screen.getByText('Safari on iPhone')).toBeInTheDocument();
  });

  it('the list failing to load says so, and Try again loads it', async () => {
    server.use(http.get(routes.accountSessions, () => errorResponse(500, 'api_error', 'Something went wrong on our side.')));
    const { user } = renderApp('/account/security');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load your sessions.');
    expect(alert).toHaveTextContent('Something went wrong on our side.');
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Safari on iPhone')).toBeInTheDocument();
  });

  describe('changing the password', () => {
    async function fill(user: ReturnType<typeof renderApp>['user'], current: string, next: string, again = next) {
      for (const [label, value] of [['Current password', current], ['New password', next], ['Type the new password again', again]] as const) {
        await user.clear(screen.getByLabelText(label));
        if (value) {
          await user.click(screen.getByLabelText(label));
          await user.paste(value);
        }
      }
      await user.click(screen.getByRole('button', { name: 'Change password' }));
    }

    it('checks the new password before sending it', async () => {
      const { user } = renderApp('/account/security');
      await screen.findByRole('heading', { name: 'Change password' });
      await fill(user, '', 'short');
      expect(screen.getByText('Enter your current password.')).toBeInTheDocument();
      expect(screen.getByText('Use at least 12 characters.')).toBeInTheDocument();
      expect(screen.getByLabelText('Current password')).toHaveFocus();

      await fill(user, testPassword, 'a brand new passphrase', 'a different passphrase');
      expect(screen.getByText('The two passwords differ. Type the same one twice.')).toBeInTheDocument();
      expect(screen.getByLabelText('Type the new password again')).toHaveFocus();

      await fill(user, testPassword, testPassword);
      expect(screen.getByText('Choose a password different from your current one.')).toBeInTheDocument();
    });

    it('a wrong current password is shown on that field', async () => {
      const { user } = renderApp('/account/security');
      await screen.findByRole('heading', { name: 'Change password' });
      await fill(user, 'not my password', 'a brand new passphrase');
      expect(await screen.findByText('That is not your current password.')).toBeInTheDocument();
      expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByLabelText('Current password')).toHaveFocus();
      expect(screen.queryByText(/Password changed/)).not.toBeInTheDocument();
    });

    it('success says so, empties the form and the list keeps only this device', async () => {
      const { user } = renderApp('/account/security');
      await screen.findByText('Safari on iPhone');
      await fill(user, testPassword, 'a brand new passphrase');
      expect(await screen.findByText('Password changed. 1 other session was signed out.')).toBeInTheDocument();
      expect(screen.getByLabelText('Current password')).toHaveValue('');
      expect(screen.getByLabelText('New password')).toHaveValue('');
      await waitFor(() => expect(sessionItems()).toHaveLength(1));
      expect(store.accountSessions.map((s) => s.id)).toEqual(['ses_here']);
    });

    it('too many attempts: the server’s message', async () => {
      server.use(http.post(routes.accountPassword, () => errorResponse(429, 'rate_limit_error', 'Too many requests. Wait a moment, then try again.')));
      const { user } = renderApp('/account/security');
      await screen.findByRole('heading', { name: 'Change password' });
      await fill(user, testPassword, 'a brand new passphrase');
      expect(await screen.findByRole('alert')).toHaveTextContent('Too many requests. Wait a moment, then try again.');
    });
  });
});
