import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paths, routes } from '../../../contract/paths';
import { defaultPolicy } from '../../../contract/policy';
import { buildApiKey, daysFromNow, testNow } from '../../../testing/factories';
import { errorResponse } from '../../../testing/mocks/error-response';
import { store } from '../../../testing/mocks/store';
import { renderApp } from '../../../testing/render';
import { server } from '../../../testing/server';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: testNow });
  store.apiKeys = [
    buildApiKey({ id: 'key_soon', name: 'Nightly export', expiresAt: daysFromNow(3), hint: 'kl_dev_…So0n' }),
    buildApiKey({ id: 'key_later', name: 'Laptop CLI', expiresAt: daysFromNow(40) }),
    buildApiKey({ id: 'key_old', name: 'Old job', status: 'expired', expiresAt: daysFromNow(-2) }),
  ];
});
afterEach(() => {
  vi.useRealTimers();
});

// Whole flows through two dialogs (about 4 s in jsdom): give them room on a loaded CI machine, as the create flow does.
describe('Rotating a token', { timeout: 15_000 }, () => {
  it('warns about tokens expiring within a week and rotates one from the banner, showing the new secret once', async () => {
    const { user, queryClient } = renderApp('/account/integrations');
    const banner = await screen.findByRole('region', { name: 'Expiring tokens' });
    expect(within(banner).getByText('1 token expires within 7 days')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /nightly export/i })).getByText('Expires soon')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /laptop cli/i })).queryByText('Expires soon')).not.toBeInTheDocument();

    await user.click(within(banner).getByRole('button', { name: 'Rotate Nightly export' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate “Nightly export”?' });
    // The old secret may stop working on confirm: the safe choice has focus.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('radio', { name: '24 hours' }));
    await user.click(within(dialog).getByRole('button', { name: 'Rotate token' }));

    const reveal = await screen.findByRole('dialog', { name: 'Copy your new token' });
    const secret = within(reveal).getByRole('textbox', { name: 'Token secret' });
    expect((secret as HTMLTextAreaElement).value).toMatch(/^kl_dev_[0-9A-Za-z]{36}$/);
    const shown = (secret as HTMLTextAreaElement).value;
    // Never copied into a query: only the mutation holds it while the dialog is open.
    expect(JSON.stringify(queryClient.getQueryCache().getAll().map((q) => q.state.data))).not.toContain(shown);

    await user.click(within(reveal).getByRole('button', { name: 'I have stored it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(JSON.stringify(queryClient.getMutationCache().getAll().map((m) => m.state))).not.toContain(shown);
    // Its new expiry is a month away: no more warning.
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Expiring tokens' })).not.toBeInTheDocument());
  });

  it('offers Renew on an expired token, without a grace period', async () => {
    const { user } = renderApp('/account/integrations?status=all');
    const row = await screen.findByRole('row', { name: /old job/i });
    await user.click(within(row).getByRole('button', { name: 'Renew Old job' }));
    const dialog = await screen.findByRole('dialog', { name: 'Renew “Old job”?' });
    expect(within(dialog).queryByRole('radiogroup')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Renew token' }));
    expect(await screen.findByRole('dialog', { name: 'Copy your new token' })).toBeInTheDocument();
  });

  it('shows why a rotate was refused, in the dialog', async () => {
    server.use(
      http.post(paths.apiKeyRotate('key_later'), () => errorResponse(409, 'invalid_request_error', 'This token is revoked and can’t be rotated.'), {
        once: true,
      }),
    );
    const { user } = renderApp('/account/integrations');
    const row = await screen.findByRole('row', { name: /laptop cli/i });
    await user.click(within(row).getByRole('button', { name: 'Rotate Laptop CLI' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate “Laptop CLI”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Rotate token' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This token is revoked and can’t be rotated.');
  });

  it('says which scope the policy no longer allows, and offers no retry that cannot succeed', async () => {
    const message = '“write:security” is no longer allowed for Production tokens. Create a narrower token instead.';
    server.use(http.post(routes.apiKeyRotate, () => errorResponse(422, 'invalid_request_error', message, { scopes: message })));
    const { user } = renderApp('/account/integrations');
    const row = await screen.findByRole('row', { name: /laptop cli/i });
    await user.click(within(row).getByRole('button', { name: 'Rotate Laptop CLI' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate “Laptop CLI”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Rotate token' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
    expect(within(dialog).queryByRole('button', { name: 'Rotate token' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('radiogroup')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('offers a narrower token when the policy no longer allows a scope, prefilled with what it still allows, and reveals its secret', async () => {
    // Since this token was made, an admin has taken write:security (and workflows, deployments) away from production.
    store.policy = { ...defaultPolicy, allowedScopesByEnvironment: { production: ['read:projects', 'write:projects', 'read:security'] } };
    store.apiKeys.push(
      buildApiKey({
        id: 'key_release',
        name: 'Release bot',
        description: 'Tags releases',
        environment: 'production',
        scopes: ['read:projects', 'write:projects', 'read:security', 'write:security'],
        hint: 'kl_prod_…R3l5',
      }),
    );
    const { user } = renderApp('/account/integrations');
    const row = await screen.findByRole('row', { name: /release bot/i });
    const rotateButton = within(row).getByRole('button', { name: 'Rotate Release bot' });
    await user.click(rotateButton);
    const rotate = await screen.findByRole('dialog', { name: 'Rotate “Release bot”?' });
    await user.click(within(rotate).getByRole('button', { name: 'Rotate token' }));
    expect(await within(rotate).findByRole('alert')).toHaveTextContent(
      '“write:security” is no longer allowed for Production tokens. Create a narrower token instead.',
    );

    await user.click(within(rotate).getByRole('button', { name: 'Create a narrower token' }));
    const form = await screen.findByRole('dialog', { name: 'Create a token' });
    expect(screen.queryByRole('dialog', { name: 'Rotate “Release bot”?' })).not.toBeInTheDocument();
    // The old token still holds its name, so the form proposes another, ready to edit.
    const name = within(form).getByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('Release bot (narrowed)');
    expect(name).toHaveFocus();
    expect(within(form).getByRole('textbox', { name: /description/i })).toHaveValue('Tags releases');
    expect(within(form).getByRole('radio', { name: /production/i })).toBeChecked();
    expect(within(within(form).getByRole('radiogroup', { name: 'Projects' })).getByRole('radio', { name: 'Write' })).toBeChecked();
    const security = within(form).getByRole('radiogroup', { name: 'Security' });
    expect(within(security).getByRole('radio', { name: 'Read' })).toBeChecked();
    // What the policy refuses stays in view, disabled, with the reason.
    expect(within(security).getByRole('radio', { name: 'Write' })).toBeDisabled();
    const workflows = within(form).getByRole('radiogroup', { name: 'Workflows' });
    expect(within(workflows).getByRole('radio', { name: 'Read' })).toBeDisabled();
    expect(workflows).toHaveAccessibleDescription(/Workflows isn’t allowed for Production/);

    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    const reveal = await screen.findByRole('dialog', { name: 'Copy your new token' });
    expect((within(reveal).getByRole('textbox', { name: 'Token secret' }) as HTMLTextAreaElement).value).toMatch(/^kl_prod_[0-9A-Za-z]{36}$/);
    await user.click(within(reveal).getByRole('button', { name: 'I have stored it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // Back where the rotate was started, with the new token listed beside the old one.
    expect(rotateButton).toHaveFocus();
    expect(await screen.findByRole('row', { name: /release bot \(narrowed\)/i })).toBeInTheDocument();
  });

  it('offers a token for the default environment when the token’s environment is gone, keeping an expired token’s name', async () => {
    store.apiKeys.push(
      buildApiKey({ id: 'key_sandbox', name: 'Sandbox job', environment: 'sandbox', status: 'expired', expiresAt: daysFromNow(-1) }),
    );
    const { user } = renderApp('/account/integrations?status=all');
    const row = await screen.findByRole('row', { name: /sandbox job/i });
    await user.click(within(row).getByRole('button', { name: 'Renew Sandbox job' }));
    const renew = await screen.findByRole('dialog', { name: 'Renew “Sandbox job”?' });
    await user.click(within(renew).getByRole('button', { name: 'Renew token' }));
    expect(await within(renew).findByRole('alert')).toHaveTextContent('The “sandbox” environment is no longer allowed.');

    await user.click(within(renew).getByRole('button', { name: 'Create a narrower token' }));
    const form = await screen.findByRole('dialog', { name: 'Create a token' });
    // An expired token no longer holds its name: it is free to take again.
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('Sandbox job');
    expect(within(form).getByRole('radio', { name: /development/i })).toBeChecked();
    expect(within(within(form).getByRole('radiogroup', { name: 'Projects' })).getByRole('radio', { name: 'Read' })).toBeChecked();

    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    const reveal = await screen.findByRole('dialog', { name: 'Copy your new token' });
    expect((within(reveal).getByRole('textbox', { name: 'Token secret' }) as HTMLTextAreaElement).value).toMatch(/^kl_dev_[0-9A-Za-z]{36}$/);
  });
});
