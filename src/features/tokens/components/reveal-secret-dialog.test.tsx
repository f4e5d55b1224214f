import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultEnvironments } from '../../../contract/policy';
import { buildApiKey, daysFromNow, testNow } from '../../../testing/factories';
import { RevealSecretDialog } from './reveal-secret-dialog';

const secret = 'kl_stg_0123456789abcdefghijABCDEFGHIJ0123456789';
const apiKey = buildApiKey({
  name: 'Staging smoke tests',
  environment: 'staging',
  scopes: ['read:projects', 'read:workflows'],
  expiresAt: daysFromNow(7),
});

describe('RevealSecretDialog', () => {
  it('summarises the token with its environment label and expiry', () => {
    render(<RevealSecretDialog apiKey={apiKey} secret={secret} environments={defaultEnvironments} now={testNow} onClose={() => {}} />);
    expect(screen.getByRole('dialog', { name: 'Copy your new token' })).toBeInTheDocument();
    expect(screen.getByText('Staging')).toBeInTheDocument();
    expect(screen.getByText('read:workflows')).toBeInTheDocument();
    expect(screen.getByText('(in 7 days)')).toBeInTheDocument();
    expect(screen.getByLabelText('Token secret')).toHaveValue(secret);
  });

  it('opens with Copy focused: copying is what it is for', () => {
    render(<RevealSecretDialog apiKey={apiKey} secret={secret} now={testNow} onClose={() => {}} />);
    expect(screen.getByRole('button', { name: 'Copy' })).toHaveFocus();
  });

  it('falls back to selecting the text when there is no Clipboard API', async () => {
    const user = userEvent.setup();
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
    render(<RevealSecretDialog apiKey={apiKey} secret={secret} now={testNow} onClose={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Copy' }));

    expect(screen.getByText(/Press Ctrl\+C \(⌘C on Mac\) to copy\./)).toBeInTheDocument();
    const field = screen.getByLabelText<HTMLTextAreaElement>('Token secret');
    expect(field.selectionStart).toBe(0);
    expect(field.selectionEnd).toBe(secret.length);
  });

  it('closes only through the explicit button or a confirmed discard', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(<RevealSecretDialog apiKey={apiKey} secret={secret} now={testNow} onClose={onClose} />);

    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Discard this token’s secret?');

    await user.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
