import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../contract/paths';
import { webhookMessages } from '../../contract/webhooks';
import { buildWebhookDelivery, buildWebhookEndpoint } from '../../testing/factories';
import { errorResponse } from '../../testing/mocks/error-response';
import { store } from '../../testing/mocks/store';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';

const asAdmin = () => {
  store.user = { ...store.user, role: 'admin' };
};

describe('Settings → Webhooks', () => {
  it('adds an endpoint with clear messages for a bad URL or no events, and shows its signing secret once', async () => {
    asAdmin();
    const { user } = renderApp('/settings/webhooks');
    expect(await screen.findByText('No webhook endpoints yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a webhook endpoint' });

    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(within(dialog).getByText(webhookMessages.urlRequired)).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText('Endpoint URL'));
    await user.paste('ftp://files.example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(within(dialog).getByText(webhookMessages.urlScheme)).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText('Endpoint URL'));
    await user.click(within(dialog).getByLabelText('Endpoint URL'));
    await user.paste('https://hooks.example.com/keyline');
    for (const box of within(dialog).getAllByRole('checkbox', { checked: true })) await user.click(box);
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(within(dialog).getByText(webhookMessages.eventsRequired)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('checkbox', { name: /Token revoked/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    const added = await screen.findByRole('dialog', { name: 'Endpoint added' });
    expect((within(added).getByLabelText('Signing secret') as HTMLInputElement).value).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    expect(within(added).getByText(/only time it is shown/)).toBeInTheDocument();
    await user.click(within(added).getByRole('button', { name: 'Done' }));

    const list = await screen.findByRole('list', { name: 'Webhook endpoints' });
    expect(within(list).getByRole('heading', { name: 'https://hooks.example.com/keyline' })).toBeInTheDocument();
    expect(within(list).getByText('token.revoked')).toBeInTheDocument();
    expect(screen.queryByText(/^whsec_/)).not.toBeInTheDocument();
    // Many steps through a dialog: more than the default 5 s on a busy machine.
  }, 20_000);

  it('sends a test event and shows it in the delivery log; Redeliver sends it again', async () => {
    asAdmin();
    store.webhooks = [buildWebhookEndpoint({ id: 'wh_ops', url: 'https://ops.example.com/hook' })];
    const { user } = renderApp('/settings/webhooks');
    await user.click(await screen.findByRole('button', { name: 'Send test event' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Test event queued');
    const log = await screen.findByRole('table', { name: 'Deliveries, newest first' });
    const row = within(log).getAllByRole('row')[1]!;
    expect(within(row).getByText('webhook.test')).toBeInTheDocument();
    expect(within(row).getByText('Delivered')).toBeInTheDocument();
    expect(within(row).getByText('200')).toBeInTheDocument();
    expect(within(row).getByText('42 ms')).toBeInTheDocument();
    expect(within(row).getByRole('cell', { name: '1' })).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: /Redeliver webhook.test/ }));
    expect(await within(row).findByRole('cell', { name: '2' })).toBeInTheDocument();
  });

  it('shows a failed delivery with why it failed', async () => {
    asAdmin();
    store.webhooks = [buildWebhookEndpoint({ id: 'wh_down' })];
    store.webhookDeliveries = {
      wh_down: [buildWebhookDelivery({ eventType: 'token.expiring', status: 'failed', attempts: 9, responseStatus: 503, latencyMs: 120, error: 'The endpoint answered 503' })],
    };
    const { user } = renderApp('/settings/webhooks');
    await user.click(await screen.findByRole('button', { name: 'Show deliveries' }));
    const row = within(await screen.findByRole('table')).getAllByRole('row')[1]!;
    expect(within(row).getByText('Failed')).toBeInTheDocument();
    expect(within(row).getByText('The endpoint answered 503')).toBeInTheDocument();
    expect(within(row).getByText('503')).toBeInTheDocument();
    expect(within(row).getByRole('cell', { name: '9' })).toBeInTheDocument();
  });

  it('disables, rotates the secret and deletes after confirming', async () => {
    asAdmin();
    store.webhooks = [buildWebhookEndpoint({ id: 'wh_ops', url: 'https://ops.example.com/hook' })];
    const { user } = renderApp('/settings/webhooks');
    await user.click(await screen.findByRole('button', { name: 'Disable' }));
    expect(await screen.findByText('Disabled')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enable' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Rotate secret' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Rotate the signing secret?' });
    await user.click(within(confirm).getByRole('button', { name: 'Rotate secret' }));
    const rotated = await screen.findByRole('dialog', { name: 'New signing secret' });
    expect((within(rotated).getByLabelText('Signing secret') as HTMLInputElement).value).toMatch(/^whsec_/);
    await user.click(within(rotated).getByRole('button', { name: 'Done' }));

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Delete this endpoint?' })).getByRole('button', { name: 'Delete endpoint' }));
    expect(await screen.findByText('No webhook endpoints yet')).toBeInTheDocument();
  });

  it('says when the list cannot be loaded, and tries again', async () => {
    asAdmin();
    server.use(http.get(routes.webhooks, () => errorResponse(500, 'api_error', 'The server had a problem.')));
    const { user } = renderApp('/settings/webhooks');
    expect(await screen.findByText('We couldn’t load webhooks.')).toBeInTheDocument();
    expect(screen.getByText('The server had a problem.')).toBeInTheDocument();
    server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No webhook endpoints yet')).toBeInTheDocument();
  });

  it('is for admins: a member has no link to it and is told who can', async () => {
    renderApp('/settings/webhooks');
    expect(await screen.findByText('Only admins manage webhooks')).toBeInTheDocument();
    expect(within(await screen.findByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Webhooks' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Members' })).toBeInTheDocument();
  });

  it('an admin finds it in the navigation', async () => {
    asAdmin();
    const { user } = renderApp('/settings/members');
    await user.click(await within(await screen.findByRole('navigation', { name: 'Main' })).findByRole('link', { name: 'Webhooks' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Webhooks' })).toBeInTheDocument();
  });
});
