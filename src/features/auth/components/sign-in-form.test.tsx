import { screen } from '@testing-library/react';
import { delay, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { routes } from '../../../contract/paths';
import { errorResponse } from '../../../testing/mocks/error-response';
import { testPassword } from '../../../testing/mocks/store';
import { renderWithProviders } from '../../../testing/render';
import { server } from '../../../testing/server';
import { SignInForm } from './sign-in-form';

function renderForm() {
  const onSignedIn = vi.fn();
  return { onSignedIn, ...renderWithProviders(<SignInForm onSignedIn={onSignedIn} />) };
}

describe('SignInForm', () => {
  it('asks for the missing fields without calling the server', async () => {
    const { user, onSignedIn } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription('Enter your username.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    expect(screen.getByLabelText('Username')).toHaveFocus();
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('says so when the username or password is wrong', async () => {
    const { user, onSignedIn } = renderForm();
    await user.type(screen.getByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Incorrect username or password.');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('shows the server’s field errors beside the fields', async () => {
    server.use(
      http.post(routes.session, () =>
        errorResponse(422, 'invalid_request_error', 'Check the fields.', { username: 'A username has at most 64 characters.' }),
      ),
    );
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'x');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('A username has at most 64 characters.')).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');
  });

  it('says until when a rate limit lasts and holds the button, counting down', async () => {
    server.use(
      http.post(routes.session, () => {
        const response = errorResponse(429, 'rate_limit_error', 'Too many attempts.');
        response.headers.set('Retry-After', '30');
        return response;
      }),
    );
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'x');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/^Too many attempts\. You can try again at \d{1,2}:\d{2} [AP]M\.$/);
    const button = screen.getByRole('button', { name: /^Sign in again in (30|29) s$/ });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    await user.click(button);
    expect(screen.getByRole('button', { name: /^Sign in again in \d+ s$/ })).toBeInTheDocument();
  });

  it('shows that it is signing in, then reports the user', async () => {
    server.use(http.post(routes.session, async () => {
      await delay(50);
      return undefined;
    }));
    const { user, onSignedIn } = renderForm();
    await user.type(screen.getByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Password'), testPassword);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.getByRole('button', { name: 'Signing in…' })).toBeDisabled();
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(expect.objectContaining({ username: 'ada' })));
  });
});
