import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { paths } from '../src/contract/paths';
import { eventPayloadSchema } from '../src/contract/events';
import { webhookEndpointListSchema } from '../src/contract/webhooks';
import { admin, csrf, expect, expectNoAxeViolations, signInOverApi, test } from './fixtures';

/** A receiver on loopback, as a team's service would be: it records what arrives. */
async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { received, url: `http://127.0.0.1:${port}/hooks/keyline`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test.describe('Settings → Webhooks', () => {
  test('an admin adds an endpoint, sends a test event, and sees it delivered and signed', async ({ page, tag }) => {
    test.slow();
    const receiver = await startReceiver();
    const url = `${receiver.url}?run=${tag}`;
    try {
      await signInOverApi(page.request, admin);
      await page.goto('/settings/webhooks');
      await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a webhook endpoint' });
      await dialog.getByLabel('Endpoint URL').fill('not a url');
      await dialog.getByRole('button', { name: 'Add endpoint' }).click();
      await expect(dialog.getByText('Enter a full URL such as https://hooks.example.com/keyline.')).toBeVisible();
      await dialog.getByLabel('Endpoint URL').fill(url);
      await dialog.getByLabel('Description (optional)').fill(`E2E ${tag}`);
      await expectNoAxeViolations(page);
      await dialog.getByRole('button', { name: 'Add endpoint' }).click();
      const added = page.getByRole('dialog', { name: 'Endpoint added' });
      const secret = await added.getByLabel('Signing secret').inputValue();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      await expectNoAxeViolations(page);
      await added.getByRole('button', { name: 'Done' }).click();

      const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: url }) });
      await card.getByRole('button', { name: 'Send test event' }).click();
      const row = card.getByRole('row', { name: /webhook\.test/ });
      // The worker polls every 2 s; the log refreshes while the delivery is pending.
      await expect(row.getByText('Delivered')).toBeVisible({ timeout: 15_000 });
      // exact: the Redeliver cell's name holds the random message id, which can contain "200" too.
      await expect(row.getByRole('cell', { name: '200', exact: true })).toBeVisible();
      await expect(row.getByText(/^\d+ ms$/)).toBeVisible();
      await expectNoAxeViolations(page);

      // What arrived is verified by the reference library with the secret shown once.
      expect(receiver.received).toHaveLength(1);
      const [request] = receiver.received;
      const headers = Object.fromEntries(Object.entries(request!.headers).map(([name, value]) => [name, String(value)]));
      const payload = eventPayloadSchema.parse(new Webhook(secret).verify(request!.body, headers));
      expect(payload.type).toBe('webhook.test');

      // Delete, after confirming: gone from the list.
      await card.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('alertdialog', { name: 'Delete this endpoint?' }).getByRole('button', { name: 'Delete endpoint' }).click();
      await expect(page.getByRole('heading', { name: url })).toHaveCount(0);
    } finally {
      // Whatever happened above: no endpoint of this run is left behind.
      const list = webhookEndpointListSchema.parse(await (await page.request.get(paths.webhooks)).json());
      for (const endpoint of list.data.filter((e) => e.url.includes(tag))) await page.request.delete(paths.webhook(endpoint.id), { headers: csrf });
      await receiver.close();
    }
  });
});
