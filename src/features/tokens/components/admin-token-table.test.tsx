import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultEnvironments } from '../../../contract/policy';
import type { AdminApiKey } from '../../../contract/admin';
import { buildAdminApiKey, daysFromNow, testNow } from '../../../testing/factories';
import { AdminTokenTable } from './admin-token-table';

const maria = { id: 'usr_maria', username: 'maria' };
const omar = { id: 'usr_omar', username: 'omar' };
const laptop = buildAdminApiKey({ name: 'Old laptop', owner: maria, environment: 'production', lastUsedAt: null });
const ci = buildAdminApiKey({ name: 'Forgotten CI', owner: omar });
const revoked = buildAdminApiKey({ name: 'Gone', owner: omar, status: 'revoked' });

function renderTable(props: { tokens?: readonly AdminApiKey[]; selected?: ReadonlySet<string>; allMatching?: boolean } = {}) {
  const onToggle = vi.fn();
  const onToggleAllLoaded = vi.fn();
  const onRevoke = vi.fn();
  render(
    <AdminTokenTable
      tokens={props.tokens ?? [laptop, ci, revoked]}
      now={testNow}
      environments={defaultEnvironments}
      selected={props.selected ?? new Set()}
      allMatching={props.allMatching ?? false}
      onToggle={onToggle}
      onToggleAllLoaded={onToggleAllLoaded}
      onRevoke={onRevoke}
    />,
    // Token names link to their pages.
    { wrapper: MemoryRouter },
  );
  return { onToggle, onToggleAllLoaded, onRevoke };
}

/** A `<time>` by all the text it shows (its parts sit in separate spans so they wrap whole). */
const timeReading = (text: string) => (_: string, element: Element | null) => element?.tagName === 'TIME' && element.textContent === text;

describe('AdminTokenTable', () => {
  // The stacked card layout is CSS only (a container query): the same table, rows and controls at every width.
  it('is one table with a row header per token and one checkbox per row', () => {
    renderTable();

    const table = screen.getByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers).toEqual(expect.arrayContaining(['Name', 'Owner', 'Environment', 'Scopes', 'Created', 'Last used', 'Expires', 'Status', 'Actions']));
    const row = screen.getByRole('rowheader', { name: /old laptop/i }).closest('tr')!;
    expect(within(row).getByRole('cell', { name: 'maria' })).toBeInTheDocument();
    expect(within(row).getByText('Active')).toBeInTheDocument();
    // Rows plus the header's "Select all": nothing rendered twice for another layout.
    expect(screen.getAllByRole('checkbox')).toHaveLength(4);
    expect(screen.getAllByRole('checkbox', { name: 'Select Old laptop (maria)' })).toHaveLength(1);
  });

  it('keeps the card-mode labels away from assistive tech, which has the column headers', () => {
    renderTable();

    const labels = screen.getAllByText('Last used', { ignore: 'th' });
    expect(labels).toHaveLength(3);
    for (const label of labels) expect(label).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getByText('Select all')).toHaveAttribute('aria-hidden', 'true');
  });

  it('ticks a row, and not a revoked one', async () => {
    const { onToggle } = renderTable({ selected: new Set([ci.id]) });

    await userEvent.click(screen.getByRole('checkbox', { name: 'Select Old laptop (maria)' }));
    expect(onToggle).toHaveBeenCalledWith(laptop);
    expect(screen.getByRole('checkbox', { name: 'Select Forgotten CI (omar)' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select Gone (omar)' })).toBeDisabled();
  });

  it('selects every loaded row from the header, by its checkbox or its visible label', async () => {
    const { onToggleAllLoaded } = renderTable();

    const selectAll = screen.getByRole('checkbox', { name: 'Select all loaded tokens' });
    expect(selectAll).not.toBeChecked();
    await userEvent.click(selectAll);
    expect(onToggleAllLoaded).toHaveBeenLastCalledWith(true);

    onToggleAllLoaded.mockClear();
    await userEvent.click(screen.getByText('Select all'));
    expect(onToggleAllLoaded).toHaveBeenLastCalledWith(true);
  });

  it('shows a partial selection as a dash in the header checkbox', () => {
    renderTable({ selected: new Set([laptop.id]) });
    expect(screen.getByRole('checkbox', { name: 'Select all loaded tokens' })).toBePartiallyChecked();
  });

  it('counts only selectable rows towards "all loaded"', () => {
    renderTable({ selected: new Set([laptop.id, ci.id]) });
    expect(screen.getByRole('checkbox', { name: 'Select all loaded tokens' })).toBeChecked();
  });

  it('locks every checkbox while every match is selected', () => {
    renderTable({ allMatching: true });
    expect(screen.getByRole('checkbox', { name: 'Select all loaded tokens' })).toBeDisabled();
    const row = screen.getByRole('checkbox', { name: 'Select Old laptop (maria)' });
    expect(row).toBeChecked();
    expect(row).toBeDisabled();
  });

  it('links each name to the token’s page', () => {
    renderTable();
    expect(screen.getByRole('link', { name: 'Old laptop' })).toHaveAttribute('href', `/account/integrations/tokens/${laptop.id}`);
  });

  it('opens a row’s menu from the keyboard, moves with the arrows, closes on Escape and asks to revoke', async () => {
    const user = userEvent.setup();
    const { onRevoke } = renderTable();
    const button = screen.getByRole('button', { name: 'Actions for Old laptop (maria)' });
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');

    button.focus();
    await user.keyboard('{ArrowDown}');
    const menu = await screen.findByRole('menu', { name: 'Actions for Old laptop' });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(button).toHaveAttribute('aria-controls', menu.id);
    await waitFor(() => expect(within(menu).getByRole('menuitem', { name: 'Open token' })).toHaveFocus());
    await user.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitem', { name: 'Revoke…' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitem', { name: 'Open token' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();

    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(screen.getByRole('menuitem', { name: 'Revoke…' })).toHaveFocus());
    await user.keyboard('{Enter}');
    expect(onRevoke).toHaveBeenCalledWith(laptop);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('offers no revoke for a token that is already revoked', async () => {
    const user = userEvent.setup();
    renderTable();
    await user.click(screen.getByRole('button', { name: 'Actions for Gone (omar)' }));
    expect(await screen.findByRole('menuitem', { name: 'Already revoked' })).toBeDisabled();
    await user.click(document.body);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('shows the same status, expiry, environment and scope parts as my token list', () => {
    const expiring = buildAdminApiKey({ name: 'Weekly sync', owner: maria, environment: 'production', expiresAt: daysFromNow(3) });
    const gone = buildAdminApiKey({ name: 'Grafana dashboard', owner: omar, status: 'revoked', revokedAt: daysFromNow(-1) });
    renderTable({ tokens: [expiring, gone] });

    const weekly = screen.getByRole('rowheader', { name: /weekly sync/i }).closest('tr')!;
    expect(within(weekly).getByText('Expires soon')).toBeInTheDocument();
    expect(within(weekly).getByText(timeReading('Mar 18, 2026 · in 3 days'))).toBeInTheDocument();
    expect(within(weekly).getByText('Production')).toBeInTheDocument();
    expect(within(weekly).getByRole('list', { name: 'Scopes' })).toBeInTheDocument();

    const grafana = screen.getByRole('rowheader', { name: /grafana dashboard/i }).closest('tr')!;
    expect(within(grafana).getByText(timeReading('Revoked Mar 14, 2026'))).toBeInTheDocument();
  });

  it('says why a token was revoked when nobody chose to: reported leaked, or its owner deactivated', () => {
    const leaked = buildAdminApiKey({ name: 'Public gist', owner: maria, status: 'revoked', revokedAt: daysFromNow(-1), revokedBy: null, revokedReason: 'reported_leaked' });
    const offboarded = buildAdminApiKey({ name: 'Omar laptop', owner: omar, status: 'revoked', revokedAt: daysFromNow(-1), revokedBy: { id: 'usr_root', username: 'root' }, revokedReason: 'owner_deactivated' });
    renderTable({ tokens: [leaked, offboarded] });
    const gist = screen.getByRole('rowheader', { name: /public gist/i }).closest('tr')!;
    expect(within(gist).getByText(timeReading('Revoked Mar 14, 2026 · reported leaked'))).toBeInTheDocument();
    const laptopRow = screen.getByRole('rowheader', { name: /omar laptop/i }).closest('tr')!;
    expect(within(laptopRow).getByText(timeReading('Revoked Mar 14, 2026 by root · owner deactivated'))).toBeInTheDocument();
  });

  it('says how many of its scopes a token uses once one is worth removing, and nothing when it uses them all or is new', () => {
    const unused = (...scopes: string[]) => scopes.map((scope) => ({ scope, neverUsed: false }));
    const wide = buildAdminApiKey({
      name: 'Deploy bot',
      owner: omar,
      scopes: ['read:projects', 'read:deployments', 'write:deployments'],
      usedScopes: ['read:projects'],
      unusedScopes: unused('read:deployments', 'write:deployments'),
    });
    const idle = buildAdminApiKey({ name: 'Idle', owner: maria, scopes: ['read:security'], usedScopes: [], unusedScopes: unused('read:security'), lastUsedAt: null });
    // Made yesterday: nothing used yet, and nothing held long enough to suggest removing.
    const fresh = buildAdminApiKey({ name: 'Fresh', owner: maria, scopes: ['read:projects', 'read:security'], usedScopes: [], unusedScopes: [], lastUsedAt: null });
    renderTable({ tokens: [wide, idle, fresh, ci] });
    const row = (name: RegExp) => screen.getByRole('rowheader', { name }).closest('tr')!;
    expect(within(row(/deploy bot/i)).getByText('Uses only 1 of its 3 scopes')).toBeInTheDocument();
    expect(within(row(/idle/i)).getByText('Uses none of its 1 scope')).toBeInTheDocument();
    expect(within(row(/fresh/i)).queryByText(/^Uses/)).not.toBeInTheDocument();
    expect(within(row(/forgotten ci/i)).queryByText(/^Uses/)).not.toBeInTheDocument();
  });
});
