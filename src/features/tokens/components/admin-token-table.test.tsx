import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultEnvironments } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { buildApiKey, daysFromNow, testNow } from '../../../testing/factories';
import { AdminTokenTable } from './admin-token-table';

const maria = { id: 'usr_maria', username: 'maria' };
const omar = { id: 'usr_omar', username: 'omar' };
const laptop = buildApiKey({ name: 'Old laptop', owner: maria, environment: 'production', lastUsedAt: null });
const ci = buildApiKey({ name: 'Forgotten CI', owner: omar });
const revoked = buildApiKey({ name: 'Gone', owner: omar, status: 'revoked' });

function renderTable(props: { tokens?: readonly ApiKey[]; selected?: ReadonlySet<string>; allMatching?: boolean } = {}) {
  const onToggle = vi.fn();
  const onToggleAllLoaded = vi.fn();
  render(
    <AdminTokenTable
      tokens={props.tokens ?? [laptop, ci, revoked]}
      now={testNow}
      environments={defaultEnvironments}
      selected={props.selected ?? new Set()}
      allMatching={props.allMatching ?? false}
      onToggle={onToggle}
      onToggleAllLoaded={onToggleAllLoaded}
    />,
  );
  return { onToggle, onToggleAllLoaded };
}

/** A `<time>` by all the text it shows (its parts sit in separate spans so they wrap whole). */
const timeReading = (text: string) => (_: string, element: Element | null) => element?.tagName === 'TIME' && element.textContent === text;

describe('AdminTokenTable', () => {
  // The stacked card layout is CSS only (a container query): the same table, rows and controls at every width.
  it('is one table with a row header per token and one checkbox per row', () => {
    renderTable();

    const table = screen.getByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers).toEqual(expect.arrayContaining(['Name', 'Owner', 'Environment', 'Scopes', 'Created', 'Last used', 'Expires', 'Status']));
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

  it('shows the same status, expiry, environment and scope parts as my token list', () => {
    const expiring = buildApiKey({ name: 'Weekly sync', owner: maria, environment: 'production', expiresAt: daysFromNow(3) });
    const gone = buildApiKey({ name: 'Grafana dashboard', owner: omar, status: 'revoked', revokedAt: daysFromNow(-1) });
    renderTable({ tokens: [expiring, gone] });

    const weekly = screen.getByRole('rowheader', { name: /weekly sync/i }).closest('tr')!;
    expect(within(weekly).getByText('Expires soon')).toBeInTheDocument();
    expect(within(weekly).getByText(timeReading('Mar 18, 2026 · in 3 days'))).toBeInTheDocument();
    expect(within(weekly).getByText('Production')).toBeInTheDocument();
    expect(within(weekly).getByRole('list', { name: 'Scopes' })).toBeInTheDocument();

    const grafana = screen.getByRole('rowheader', { name: /grafana dashboard/i }).closest('tr')!;
    expect(within(grafana).getByText(timeReading('Revoked Mar 14, 2026'))).toBeInTheDocument();
  });
});
