import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../contract/paths';
import { displayHint, formatSecret } from '../../../contract/token-format';
import { buildApiKey, testNow } from '../../../testing/factories';
import { server } from '../../../testing/server';
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

  it('says a revoked token no longer works and offers nothing to stop', async () => {
    store.apiKeys = [buildApiKey({ name: 'Leaked', hint: hintOf('Dead'), status: 'revoked' })];
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} />);
    await check(user, secretFrom('Dead'));
    expect(await screen.findByText('No longer works: “Leaked”, yours.')).toBeInTheDocument();
    expect(screen.getByText('This secret stopped working — the token is revoked. There is nothing to stop.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /revoke/i })).not.toBeInTheDocument();
  });

  it('revokes an active token of mine only after a confirmation that says what stops working', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_leak', name: 'Leaked', hint: hintOf('Live') })];
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} now={testNow} />);
    await check(user, secretFrom('Live'));
    const result = await screen.findByText('Active: “Leaked”, yours.');
    await user.click(within(result.parentElement!.parentElement!).getByRole('button', { name: 'Revoke token…' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Revoke “Leaked”?' });
    expect(dialog).toHaveAccessibleDescription(new RegExp(`Anything using ${hintOf('Live').replace('…', '.')} .* stops working at once\\.`));
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(store.apiKeys[0]?.status).toBe('active');

    await user.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText('“Leaked” revoked.')).toBeInTheDocument();
    expect(store.apiKeys[0]?.status).toBe('revoked');
  });

  it('keeps the token when the confirmation is cancelled', async () => {
    store.apiKeys = [buildApiKey({ name: 'Leaked', hint: hintOf('Keep') })];
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} now={testNow} />);
    await check(user, secretFrom('Keep'));
    await user.click(await screen.findByRole('button', { name: 'Revoke token…' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByText('Active: “Leaked”, yours.')).toBeInTheDocument();
    expect(store.apiKeys[0]?.status).toBe('active');
  });

  it('offers to end the grace period of a replaced secret, never to revoke the whole token', async () => {
    const key = buildApiKey({
      id: 'key_rot',
      name: 'Grafana dashboard',
      rotation: {
        rotatedAt: new Date(Date.now() - 3_600_000).toISOString(),
        previousSecretValidUntil: new Date(Date.now() + 23 * 3_600_000).toISOString(),
        previousSecretActive: true,
        previousSecretUses: 2,
      },
    });
    store.apiKeys = [key];
    // The mocks keep no replaced secrets: this answer is the server's for one.
    server.use(http.post(routes.tokenChecks, () => HttpResponse.json({ result: 'found', apiKey: key, matched: 'previous', secretStatus: 'active' })));
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} />);
    await check(user, secretFrom('Old'));

    expect(await screen.findByText('Still works: the replaced secret of “Grafana dashboard”, yours.')).toBeInTheDocument();
    expect(screen.getByText(/the token’s new secret keeps working/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /revoke/i })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'End grace period now' }));
    expect(await screen.findByText('Grace period ended.')).toBeInTheDocument();
    expect(store.apiKeys[0]?.status).toBe('active');
    expect(store.apiKeys[0]?.rotation?.previousSecretActive).toBe(false);
  });

  it('answers only "not yours" for someone else’s token', async () => {
    store.apiKeys = [buildApiKey({ name: 'Theirs', hint: hintOf('Othr'), owner: { id: 'usr_9', username: 'zoe' } })];
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} />);
    await check(user, secretFrom('Othr'));
    expect(await screen.findByText('Not yours.')).toBeInTheDocument();
    expect(screen.queryByText(/Theirs/)).not.toBeInTheDocument();
  });

  it('reports a live token of mine as leaked only after saying what stops, then links to its timeline', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_leak', name: 'Leaked', hint: hintOf('Rprt') })];
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} now={testNow} />);
    await check(user, secretFrom('Rprt'));
    await user.click(await screen.findByRole('button', { name: 'Report as leaked…' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Report “Leaked” as leaked?' });
    expect(dialog).toHaveAccessibleDescription('It is revoked at once: anything using it — CI jobs, scripts, integrations — stops working.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(store.apiKeys[0]?.status).toBe('active');

    await user.click(within(dialog).getByRole('button', { name: 'Revoke as leaked' }));
    expect(await screen.findByText('“Leaked” revoked: reported leaked.')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View its timeline' })).toHaveAttribute('href', '/account/integrations/tokens/key_leak');
    expect(store.apiKeys[0]).toMatchObject({ status: 'revoked', revokedBy: null });
  });

  it('keeps the token when the report is cancelled', async () => {
    store.apiKeys = [buildApiKey({ name: 'Leaked', hint: hintOf('Stay') })];
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} now={testNow} />);
    await check(user, secretFrom('Stay'));
    await user.click(await screen.findByRole('button', { name: 'Report as leaked…' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByText('Active: “Leaked”, yours.')).toBeInTheDocument();
    expect(store.apiKeys[0]?.status).toBe('active');
  });

  it('lets anyone report someone else’s token, without naming it or linking to it', async () => {
    store.apiKeys = [buildApiKey({ name: 'Theirs', hint: hintOf('Zoes'), owner: { id: 'usr_9', username: 'zoe' } })];
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} />);
    await check(user, secretFrom('Zoes'));
    await user.click(await screen.findByRole('button', { name: 'Report as leaked…' }));
    await user.click(within(await screen.findByRole('alertdialog', { name: 'Report this token as leaked?' })).getByRole('button', { name: 'Revoke as leaked' }));
    expect(await screen.findByText('Reported as leaked.')).toBeInTheDocument();
    expect(screen.queryByText(/Theirs/)).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'View its timeline' })).not.toBeInTheDocument();
    expect(store.apiKeys[0]?.status).toBe('revoked');
  });

  it('says when a report could not be sent, and keeps the token as it was', async () => {
    store.apiKeys = [buildApiKey({ name: 'Leaked', hint: hintOf('Fail') })];
    server.use(http.post(routes.revokeLeaked, () => HttpResponse.json({ error: { type: 'rate_limit_error', message: 'Too many requests. Wait a moment, then try again.' } }, { status: 429, headers: { 'Retry-After': '30' } })));
    const { user } = renderWithProviders(<TestTokenPanel viewer={viewer} now={testNow} />);
    await check(user, secretFrom('Fail'));
    await user.click(await screen.findByRole('button', { name: 'Report as leaked…' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Revoke as leaked' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Couldn’t report it: Too many requests. Wait a moment, then try again.');
    expect(screen.getByText('Active: “Leaked”, yours.')).toBeInTheDocument();
  });
});
