import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AccountSession } from '../../../contract/account';
import { ApiError } from '../../../lib/api-client';
import { buildAccountSession } from '../../../testing/factories';
import { SessionList } from './session-list';

const now = new Date('2030-01-15T12:00:00.000Z');
const here = buildAccountSession({
  id: 'here',
  current: true,
  ip: '198.51.100.7',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  createdAt: '2030-01-12T12:00:00.000Z',
  lastSeenAt: '2030-01-15T12:00:00.000Z',
});
const phone = buildAccountSession({
  id: 'phone',
  ip: '203.0.113.9',
  createdAt: '2030-01-13T12:00:00.000Z',
  lastSeenAt: '2030-01-15T09:00:00.000Z',
});

function renderList(props: Partial<Parameters<typeof SessionList>[0]> & { sessions?: AccountSession[] }) {
  const handlers = { onRetry: vi.fn(), onSignOut: vi.fn(), onSignOutOthers: vi.fn() };
  render(<SessionList isPending={false} error={null} now={now} signingOutId={null} signOutError={null} sessions={[here, phone]} {...handlers} {...props} />);
  return handlers;
}

describe('SessionList', () => {
  it('shows each session’s browser, IP, sign-in and last seen, this device marked and without a Sign out', () => {
    renderList({});
    const [first, second] = within(screen.getByRole('list', { name: 'Sessions' })).getAllByRole('listitem');
    expect(within(first!).getByText('Firefox on Linux')).toBeInTheDocument();
    expect(within(first!).getByText('This device')).toBeInTheDocument();
    expect(within(first!).getByText('198.51.100.7')).toBeInTheDocument();
    expect(within(first!).getByText('3 days ago')).toBeInTheDocument();
    expect(within(first!).queryByRole('button')).not.toBeInTheDocument();

    expect(within(second!).getByText('Safari on iPhone')).toBeInTheDocument();
    expect(within(second!).queryByText('This device')).not.toBeInTheDocument();
    expect(within(second!).getByText('203.0.113.9')).toBeInTheDocument();
    expect(within(second!).getByText('2 days ago')).toBeInTheDocument();
    expect(within(second!).getByText('3 hours ago')).toBeInTheDocument();
    expect(within(second!).getByRole('button', { name: 'Sign out Safari on iPhone, last seen 3 hours ago' })).toBeEnabled();
  });

  it('calls back with the session to sign out, and for all others', async () => {
    const user = userEvent.setup();
    const { onSignOut, onSignOutOthers } = renderList({});
    await user.click(screen.getByRole('button', { name: /^Sign out Safari on iPhone/ }));
    expect(onSignOut).toHaveBeenCalledWith(phone);
    await user.click(screen.getByRole('button', { name: 'Sign out all other sessions' }));
    expect(onSignOutOthers).toHaveBeenCalledOnce();
  });

  it('while one signs out, its button says so and the others wait', () => {
    renderList({ signingOutId: 'phone' });
    expect(screen.getByRole('button', { name: /^Sign out Safari on iPhone/ })).toHaveTextContent('Signing out…');
    expect(screen.getByRole('button', { name: 'Sign out all other sessions' })).toBeDisabled();
  });

  it('alone: no Sign out all, and says so', () => {
    renderList({ sessions: [here] });
    expect(screen.queryByRole('button', { name: 'Sign out all other sessions' })).not.toBeInTheDocument();
    expect(screen.getByText('You are not signed in anywhere else.')).toBeInTheDocument();
  });

  it('an unknown browser and address read as such', () => {
    renderList({ sessions: [here, buildAccountSession({ userAgent: null, ip: null })] });
    expect(screen.getByText('Unknown browser')).toBeInTheDocument();
    expect(screen.getByText('unknown')).toBeInTheDocument();
  });

  it('loading, then a failure with Try again', async () => {
    const { rerender } = render(
      <SessionList sessions={undefined} isPending error={null} now={now} signingOutId={null} signOutError={null} onRetry={vi.fn()} onSignOut={vi.fn()} onSignOutOthers={vi.fn()} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Loading sessions…');
    const onRetry = vi.fn();
    rerender(
      <SessionList sessions={undefined} isPending={false} error={new ApiError({ status: 503, type: 'api_error', message: 'Keyline is unavailable.' })} now={now} signingOutId={null} signOutError={null} onRetry={onRetry} onSignOut={vi.fn()} onSignOutOthers={vi.fn()} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load your sessions.');
    expect(alert).toHaveTextContent('Keyline is unavailable.');
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
