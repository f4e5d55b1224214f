import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { buildApiKey, testNow } from '../../../testing/factories';
import { RevokeTokenDialog } from './revoke-token-dialog';

const hoursAgo = (hours: number) => new Date(testNow.getTime() - hours * 3_600_000).toISOString();

describe('RevokeTokenDialog', () => {
  it('names the token and when it was last used, and confirms with the danger button', async () => {
    const token = buildApiKey({ name: 'CI deploy', lastUsedAt: hoursAgo(2) });
    const onConfirm = vi.fn();
    render(<RevokeTokenDialog token={token} now={testNow} onConfirm={onConfirm} onCancel={() => {}} />);

    const dialog = screen.getByRole('alertdialog', { name: 'Revoke “CI deploy”?' });
    expect(dialog).toHaveAccessibleDescription(
      'It was last used 2 hours ago — anything still using it will start failing.',
    );
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Revoke token' }));
    expect(onConfirm).toHaveBeenCalledWith(token);
  });

  it('says so when the token has never been used', () => {
    render(
      <RevokeTokenDialog token={buildApiKey({ name: 'Spare', lastUsedAt: null })} now={testNow} onConfirm={() => {}} onCancel={() => {}} />,
    );
    expect(screen.getByRole('alertdialog')).toHaveAccessibleDescription('It has never been used.');
  });

  it('cancels with Escape', async () => {
    const onCancel = vi.fn();
    render(<RevokeTokenDialog token={buildApiKey()} now={testNow} onConfirm={() => {}} onCancel={onCancel} />);
    await userEvent.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('is closed without a token', () => {
    render(<RevokeTokenDialog token={null} now={testNow} onConfirm={() => {}} onCancel={() => {}} />);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});
