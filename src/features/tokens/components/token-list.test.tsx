import { render as renderBare, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultEnvironments } from '../../../contract/policy';
import { ApiError } from '../../../lib/api-client';
import { buildApiKey, daysFromNow, testNow } from '../../../testing/factories';
import { TokenList } from './token-list';

// Token names link to their detail page: the list needs a router around it.
const render = (ui: ReactElement) => renderBare(<MemoryRouter>{ui}</MemoryRouter>);

const noop = () => {};
const base = { isPending: false, error: null, onRetry: noop, now: testNow, environments: defaultEnvironments };

/** A `<time>` by all the text it shows (its parts sit in separate spans so they wrap whole). */
const timeReading = (text: string) => (_: string, element: Element | null) => element?.tagName === 'TIME' && element.textContent === text;

describe('TokenList', () => {
  it('shows a skeleton while loading', () => {
    render(<TokenList {...base} tokens={undefined} isPending />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading tokens…');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('invites me to create the first token when there are none', () => {
    render(<TokenList {...base} tokens={[]} emptyAction={<button type="button">Create your first token</button>} />);
    expect(screen.getByText('No tokens yet')).toBeInTheDocument();
    expect(screen.getByText(/let your scripts, command-line tools and CI pipelines call the API/i)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create your first token' })).toBeInTheDocument();
  });

  it('says when nothing matches the filters and offers to clear them', async () => {
    const onClearFilters = vi.fn();
    render(<TokenList {...base} tokens={[]} isFiltered onClearFilters={onClearFilters} emptyAction={<button type="button">Create</button>} />);
    expect(screen.getByText('No tokens match these filters')).toBeInTheDocument();
    expect(screen.queryByText('No tokens yet')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onClearFilters).toHaveBeenCalledTimes(1);
  });

  it('shows the error with a way to try again', async () => {
    const onRetry = vi.fn();
    const error = new ApiError({ status: 503, type: 'api_error', message: 'The service is restarting.' });
    render(<TokenList {...base} tokens={undefined} error={error} onRetry={onRetry} />);

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load your tokens.');
    expect(alert).toHaveTextContent('The service is restarting.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('says which permission is missing on a 403', () => {
    const error = new ApiError({ status: 403, type: 'permission_error', message: 'This needs the tokens:read permission.' });
    render(<TokenList {...base} tokens={undefined} error={error} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('You don’t have permission to see your tokens.');
    expect(alert).toHaveTextContent('This needs the tokens:read permission.');
  });

  it('tells a network failure apart from a server error', () => {
    const error = new ApiError({ status: 0, type: 'network_error', message: 'offline' });
    render(<TokenList {...base} tokens={undefined} error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent('We couldn’t reach Keyline.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('lists each token with its environment, scopes, hint, times and status', async () => {
    const tokens = [
      buildApiKey({
        name: 'Laptop CLI',
        description: 'Local scripts',
        environment: 'production',
        scopes: ['read:projects', 'write:projects', 'read:workflows', 'write:workflows', 'read:security'],
        hint: 'kl_prod_…a1B9',
        lastUsedAt: daysFromNow(-3),
        expiresAt: daysFromNow(12),
      }),
      buildApiKey({ name: 'Old CI', status: 'expired', lastUsedAt: null, expiresAt: daysFromNow(-2) }),
    ];
    render(<TokenList {...base} tokens={tokens} onRevoke={noop} />);

    const laptop = screen.getByRole('row', { name: /laptop cli/i });
    expect(within(laptop).getByText('Local scripts')).toBeInTheDocument();
    expect(within(laptop).getByText('Production')).toBeInTheDocument();
    expect(within(laptop).getByText('read:projects')).toBeInTheDocument();
    expect(within(laptop).getByText('read:workflows')).toBeInTheDocument();
    expect(within(laptop).queryByText('write:workflows')).not.toBeInTheDocument();
    expect(within(laptop).getByText('kl_prod_…a1B9')).toBeInTheDocument();
    expect(within(laptop).getByText('3 days ago')).toHaveAttribute('dateTime', daysFromNow(-3));
    // The date to plan by, with how far off it is beside it — on screen, not only in a tooltip.
    expect(within(laptop).getByText(timeReading('Mar 27, 2026 · in 12 days'))).toHaveAttribute('dateTime', daysFromNow(12));
    expect(within(laptop).getByText('Active')).toBeInTheDocument();
    expect(within(laptop).getByRole('button', { name: 'Revoke Laptop CLI' })).toBeInTheDocument();

    // "+2" names what it hides, and shows it on demand.
    const more = within(laptop).getByRole('button', { name: 'Show 2 more scopes: write:workflows, read:security' });
    expect(more).toHaveTextContent('+2');
    await userEvent.click(more);
    expect(within(laptop).getByText('write:workflows')).toBeInTheDocument();
    expect(within(laptop).getByRole('button', { name: 'Show fewer scopes' })).toHaveAttribute('aria-expanded', 'true');

    const old = screen.getByRole('row', { name: /old ci/i });
    expect(within(old).getByText('Never used')).toBeInTheDocument();
    expect(within(old).getByText(timeReading('Expired Mar 13, 2026'))).toHaveAttribute('title');
    expect(within(old).getByText('Expired', { selector: 'span' })).toBeInTheDocument();
    expect(within(old).queryByText(/in \d+ days/)).not.toBeInTheDocument();
    expect(within(old).queryByRole('button', { name: /revoke/i })).not.toBeInTheDocument();
  });

  it('warns about a token that expires tomorrow', () => {
    render(<TokenList {...base} tokens={[buildApiKey({ name: 'Staging bot', expiresAt: daysFromNow(1) })]} />);
    const row = screen.getByRole('row', { name: /staging bot/i });
    expect(within(row).getByText(timeReading('Mar 16, 2026 · tomorrow'))).toHaveClass('text-amber-900');
    expect(within(row).getByText('Expires soon')).toBeInTheDocument();
  });

  it('shows a revoked token by when it was revoked, never by an expiry still to come', () => {
    const token = buildApiKey({
      name: 'Grafana dashboard',
      status: 'revoked',
      expiresAt: daysFromNow(30),
      revokedAt: daysFromNow(-1),
      revokedBy: { id: 'usr_9', username: 'root' },
    });
    render(<TokenList {...base} tokens={[token]} />);
    const row = screen.getByRole('row', { name: /grafana dashboard/i });
    expect(within(row).getByText(timeReading('Revoked Mar 14, 2026 by root'))).toHaveAttribute('dateTime', daysFromNow(-1));
    expect(within(row).queryByText(/in 30 days|Apr 14, 2026/)).not.toBeInTheDocument();
  });

  it('gives a just-made 30-day token its date and day count, and no “Expires soon” the banner does not count', () => {
    render(<TokenList {...base} tokens={[buildApiKey({ name: 'Fresh CI', expiresAt: daysFromNow(30) })]} />);
    const row = screen.getByRole('row', { name: /fresh ci/i });
    expect(within(row).getByText(timeReading('Apr 14, 2026 · in 30 days'))).toBeInTheDocument();
    expect(within(row).queryByText('Expires soon')).not.toBeInTheDocument();
  });

  it('marks a token the banner counts (7 days out) as expiring soon, in the same words', () => {
    render(<TokenList {...base} tokens={[buildApiKey({ name: 'Weekly', expiresAt: daysFromNow(7) })]} />);
    const row = screen.getByRole('row', { name: /weekly/i });
    expect(within(row).getByText('Expires soon')).toBeInTheDocument();
    expect(within(row).getByText(timeReading('Mar 22, 2026 · in 7 days'))).toHaveClass('text-amber-800');
  });

  it('says "just now" for a use under a minute ago, with the exact time at hand', () => {
    const lastUsedAt = new Date(testNow.getTime() - 20_000).toISOString();
    render(<TokenList {...base} tokens={[buildApiKey({ name: 'Fresh', lastUsedAt })]} />);
    const time = within(screen.getByRole('row', { name: /fresh/i })).getByText('just now');
    expect(time).toHaveAttribute('title', expect.stringContaining('2026'));
    // Reachable by keyboard, so the exact time also shows on focus.
    expect(time).toHaveAttribute('tabIndex', '0');
  });

  it('labels environments from the policy, whatever their ids', () => {
    const environments = [
      { id: 'sandbox', label: 'Sandbox', tag: 'sbx' },
      { id: 'live', label: 'Live', tag: 'live' },
    ];
    const tokens = [buildApiKey({ name: 'Live sync', environment: 'live' }), buildApiKey({ name: 'Legacy', environment: 'qa' })];
    render(<TokenList {...base} environments={environments} tokens={tokens} />);
    expect(within(screen.getByRole('row', { name: /live sync/i })).getByText('Live')).toBeInTheDocument();
    // An environment the policy no longer has still shows, by its id.
    expect(within(screen.getByRole('row', { name: /legacy/i })).getByText('qa')).toBeInTheDocument();
  });

  it('dims a revoked token and offers nothing to do with it', () => {
    render(<TokenList {...base} tokens={[buildApiKey({ name: 'Gone', status: 'revoked', revokedAt: daysFromNow(-1) })]} onRevoke={noop} />);
    const row = screen.getByRole('row', { name: /gone/i });
    expect(row).toHaveAttribute('data-status', 'revoked');
    expect(within(row).getByText('Revoked', { selector: 'span' })).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /revoke/i })).not.toBeInTheDocument();
  });
});
