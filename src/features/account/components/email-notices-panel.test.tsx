import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { notificationMessages } from '../../../contract/notification-preferences';
import { routes } from '../../../contract/paths';
import { errorResponse } from '../../../testing/mocks/error-response';
import { store } from '../../../testing/mocks/store';
import { renderWithProviders } from '../../../testing/render';
import { server } from '../../../testing/server';
import { EmailNoticesPanel } from './email-notices-panel';

const renderPanel = () => renderWithProviders(<EmailNoticesPanel />);
const form = () => screen.findByRole('form', { name: 'Email notices' });

describe('EmailNoticesPanel', () => {
  it('shows my choices and says security notices always go; no address means no email', async () => {
    renderPanel();
    const notices = await form();
    expect(within(notices).getByLabelText('Email address')).toHaveValue('');
    expect(within(notices).getByText('Without an address you get no email notices.')).toBeInTheDocument();
    expect(within(notices).getByRole('checkbox', { name: /Remind me before my tokens expire/ })).toBeChecked();
    expect(within(notices).getByText(/always emailed when someone else revokes one of your tokens or one is reported leaked/)).toBeInTheDocument();
  });

  it('saves an address and turns expiry reminders off', async () => {
    const { user } = renderPanel();
    const notices = await form();
    await user.type(within(notices).getByLabelText('Email address'), 'ada@example.com');
    await user.click(within(notices).getByRole('checkbox', { name: /Remind me before my tokens expire/ }));
    await user.click(within(notices).getByRole('button', { name: 'Save email notices' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toHaveValue('ada@example.com');
    expect(screen.getByRole('checkbox', { name: /Remind me before my tokens expire/ })).not.toBeChecked();
    expect(store.notificationPreferences).toMatchObject({ email: 'ada@example.com', expiryEmails: false });
  });

  it('checks the address before sending it', async () => {
    const { user } = renderPanel();
    const notices = await form();
    await user.type(within(notices).getByLabelText('Email address'), 'ada at example');
    await user.click(within(notices).getByRole('button', { name: 'Save email notices' }));
    expect(screen.getByText(notificationMessages.emailInvalid)).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email address')).toHaveFocus();
    expect(screen.queryByText('Saved.')).not.toBeInTheDocument();
    expect(store.notificationPreferences.email).toBeNull();
  });

  it('a username that is an address is where notices go until I give another', async () => {
    store.user = { ...store.user, username: 'ada@example.org' };
    renderPanel();
    expect(await screen.findByText('Left empty, notices go to ada@example.org, your username.')).toBeInTheDocument();
  });

  it('says when this server sends no email', async () => {
    store.notificationPreferences = { ...store.notificationPreferences, emailEnabled: false };
    renderPanel();
    expect(await screen.findByText(/Email isn’t set up on this Keyline server yet/)).toBeInTheDocument();
  });

  it('a failed save shows the reason and keeps what I typed', async () => {
    server.use(http.put(routes.accountNotifications, () => errorResponse(503, 'api_error', 'Keyline is busy. Try again in a moment.')));
    const { user } = renderPanel();
    const notices = await form();
    await user.type(within(notices).getByLabelText('Email address'), 'ada@example.com');
    await user.click(within(notices).getByRole('button', { name: 'Save email notices' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Keyline is busy. Try again in a moment.');
    expect(screen.getByLabelText('Email address')).toHaveValue('ada@example.com');
  });

  it('failing to load says so, and Try again loads it', async () => {
    server.use(http.get(routes.accountNotifications, () => errorResponse(500, 'api_error', 'Something went wrong on our side.')));
    const { user } = renderPanel();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load your email notices.');
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await form()).toBeInTheDocument();
  });
});
