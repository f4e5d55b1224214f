import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { buildApiKey, testNow } from '../../../testing/factories';
import { RevokeTokenDialog } from './revoke-token-dialog';

const hoursAgo = (hours: number) => new Date(testNow.getTime() - hours * 3_600_000).toISOString();

describe('RevokeTokenDialog', () => {
  it('names the token, says what stops working and when it was last used, and confirms with the danger button', async () => {
    const token = buildApiKey({ name: 'CI deploy', hint: 'kl_prod_…a1B9', lastUsedAt: hoursAgo(2) });
    const onConfirm = vi.fn();
    render(<RevokeTokenDialog token={token} now={testNow} onConfirm={onConfirm} onCancel={() => {}} />);

    const dialog = screen.getByRole('alertdialog', { name: 'Revoke “CI deploy”?' });
    expect(dialog).toHaveAccessibleDescription('Anything using kl_prod_…a1B9 — CI jobs, scripts, integrations — stops working at once.');
    expect(screen.getByText(/It was last used 2 hours ago\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Revoke token' }));
    expect(onConfirm).toHaveBeenCalledWith(token);
  });

  it('says a replaced secret still in its grace period stops too', () => {
    const token = buildApiKey({
      name: 'Deploy',
      hint: 'kl_prod_…a1B9',
      rotation: { rotatedAt: hoursAgo(1), previousSecretValidUntil: hoursAgo(-23), previousSecretActive: true, previousSecretUses: 0 },
    });
    render(<RevokeTokenDialog token={token} now={testNow} onConfirm={() => {}} onCancel={() => {}} />);
    expect(screen.getByRole('alertdialog')).toHaveAccessibleDescription(
      'Anything using kl_prod_…a1B9 — CI jobs, scripts, integrations — stops working at once. The secret it replaced, still in its grace period, stops too.',
    );
  });

  it('says so when the token has never been used', () => {
    render(
      <RevokeTokenDialog token={buildApiKey({ name: 'Spare', lastUsedAt: null })} now={testNow} onConfirm={() => {}} onCancel={() => {}} />,
    );
    expect(screen.getByText(/It has never been used\./)).toBeInTheDocument();
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
