import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { displayHint, formatSecret } from '../../../contract/token-format';
import { buildApiKey } from '../../../testing/factories';
import { store } from '../../../testing/mocks/store';
import { renderWithProviders } from '../../../testing/render';
import { TestTokenPanel } from './test-token-panel';

const viewer = { id: 'usr_1', role: 'member' };
// A well-formed development secret (checksum included) per test, and the hint the mocks find it by.
const secretFrom = (seed: string) => formatSecret('kl', 'dev', seed.padEnd(30, 'A'));
const hintOf = (seed: string) => displayHint(secretFrom(seed));

async function check(user: ReturnType<typeof renderWithProviders>['user'], value: string) {
  const field = screen.getByRole('textbox', { name: 'Token to test' });
  await user.type(field, value);
  await user.click(screen.getByRole('button', { name: 'Check token' }));
  // Gone from the field as soon as it is sent.
  expect(field).toHaveValue('');
}

describe('Test a token', () => {
  it('says a look-alike is not a Keyline token', async () => {
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} />);
    await check(user, 'ghp_notoursatall');
    expect(await screen.findByText('Not a Keyline token.')).toBeInTheDocument();
  });

  it('says a revoked token is already dead and offers no revoke', async () => {
    store.apiKeys = [buildApiKey({ name: 'Leaked', hint: hintOf('Dead'), status: 'revoked' })];
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} />);
    await check(user, secretFrom('Dead'));
    expect(await screen.findByText('Already dead: “Leaked”, yours.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /revoke/i })).not.toBeInTheDocument();
  });

  it('revokes an active token of mine in one click', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_leak', name: 'Leaked', hint: hintOf('Live') })];
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} />);
    await check(user, secretFrom('Live'));
    const result = await screen.findByText('Active: “Leaked”, yours.');
    await user.click(within(result.parentElement!.parentElement!).getByRole('button', { name: 'Revoke it now' }));
    expect(await screen.findByText(/you just revoked it/)).toBeInTheDocument();
    expect(store.apiKeys[0]?.status).toBe('revoked');
  });

  it('answers only "not yours" for someone else’s token', async () => {
    store.apiKeys = [buildApiKey({ name: 'Theirs', hint: hintOf('Othr'), owner: { id: 'usr_9', username: 'zoe' } })];
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} />);
    await check(user, secretFrom('Othr'));
    expect(await screen.findByText('Not yours.')).toBeInTheDocument();
    expect(screen.queryByText(/Theirs/)).not.toBeInTheDocument();
  });
});
