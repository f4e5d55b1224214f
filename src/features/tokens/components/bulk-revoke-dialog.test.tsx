import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BulkRevokeDialog } from './bulk-revoke-dialog';

describe('BulkRevokeDialog', () => {
  it('opens with Cancel focused, says whose tokens and what stops working', async () => {
    const onDismiss = vi.fn();
    render(<BulkRevokeDialog open tokens={3} owners={2} isPending={false} error={null} onConfirm={vi.fn()} onDismiss={onDismiss} />);

    const dialog = screen.getByRole('alertdialog', { name: 'Revoke 3 tokens belonging to 2 people?' });
    expect(dialog).toHaveAccessibleDescription('Anything still using them will start failing. This cannot be undone.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });
});
