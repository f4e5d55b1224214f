import { randomUUID } from 'node:crypto';
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { testEventType, type EventPayload } from '../../src/contract/events';
import {
  createWebhookRequestSchema,
  updateWebhookRequestSchema,
  webhookMessages,
  type WebhookDelivery,
  type WebhookDeliveryList,
  type WebhookEndpoint,
  type WebhookEndpointList,
  type WebhookWithSecret,
} from '../../src/contract/webhooks';
import type { AppDeps, AppEnv } from '../context';
import {
  deleteEndpoint,
  enqueueDelivery,
  findEndpoint,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  replaceEndpointSecret,
  requeueDelivery,
  updateEndpoint,
} from '../db/webhooks';
import { invalidFields, notFound, rejectInvalid } from '../errors';
import { requireAdminTo, requireSession } from '../middleware/auth';
import { retryWindowMs } from '../notifications/backoff';
import { newSigningSecret, sealSecret } from '../notifications/signing';
import { resolveTarget } from '../notifications/ssrf';

export type WebhookRouteOptions = {
  /** KEYLINE_WEBHOOKS_ALLOW_PRIVATE: endpoints on private, loopback and link-local addresses are accepted. */
  allowPrivateAddresses?: boolean;
};

export const webhookRoutes = (deps: AppDeps, options: WebhookRouteOptions = {}) => {
  const allowPrivate = options.allowPrivateAddresses ?? false;

  /** Refused at once when the URL names (or resolves to) a private address; every delivery checks again. */
  async function checkReachable(url: string) {
    const target = await resolveTarget(new URL(url), allowPrivate);
    if (!target.ok && target.reason.startsWith('Refused')) throw invalidFields(422, { url: webhookMessages.urlPrivate });
  }

  /** Answers the endpoint with its new signing secret: the only time it is shown. */
  const withSecret = (webhook: WebhookEndpoint, secret: string, status: 200 | 201) => ({ body: { webhook, secret } satisfies WebhookWithSecret, status });

  return (
    new Hono<AppEnv>()
      // A session, not a token: a leaked token must not redirect everyone's events.
      .use(requireSession(deps), requireAdminTo('manage webhooks'))
      .get('/', async (c) => c.json({ data: await listEndpoints(deps.db) } satisfies WebhookEndpointList, 200))
      .post('/', zValidator('json', createWebhookRequestSchema, rejectInvalid), async (c) => {
        const request = c.req.valid('json');
        await checkReachable(request.url);
        const secret = newSigningSecret();
        const webhook = await insertEndpoint(deps.db, {
          url: request.url,
          description: request.description ?? '',
          events: [...new Set(request.events)],
          enabled: request.enabled ?? true,
          secretSealed: sealSecret(secret, deps.hmacSecret),
          createdBy: c.get('caller').user.id,
          now: deps.clock.now(),
        });
        deps.logger.info('Webhook added', { by: c.get('caller').user.id, webhook: webhook.id });
        const answer = withSecret(webhook, secret, 201);
        c.header('Cache-Control', 'no-store');
        return c.json(answer.body, answer.status);
      })
      .get('/:id', async (c) => {
        const webhook = await findEndpoint(deps.db, c.req.param('id'));
        if (!webhook) throw notFound();
        return c.json(webhook satisfies WebhookEndpoint, 200);
      })
      .patch('/:id', zValidator('json', updateWebhookRequestSchema, rejectInvalid), async (c) => {
        const change = c.req.valid('json');
        if (change.url !== undefined) await checkReachable(change.url);
        const webhook = await updateEndpoint(deps.db, c.req.param('id'), { ...change, events: change.events && [...new Set(change.events)] });
        if (!webhook) throw notFound();
        return c.json(webhook satisfies WebhookEndpoint, 200);
      })
      .delete('/:id', async (c) => {
        if (!(await deleteEndpoint(deps.db, c.req.param('id')))) throw notFound();
        deps.logger.info('Webhook deleted', { by: c.get('caller').user.id, webhook: c.req.param('id') });
        return c.body(null, 204);
      })
      // A new signing secret; the old one stops at once (receivers verify with the new one from now on).
      .post('/:id/secret', async (c) => {
        const secret = newSigningSecret();
        const webhook = await replaceEndpointSecret(deps.db, c.req.param('id'), sealSecret(secret, deps.hmacSecret), deps.clock.now());
        if (!webhook) throw notFound();
        const answer = withSecret(webhook, secret, 200);
        c.header('Cache-Control', 'no-store');
        return c.json(answer.body, answer.status);
      })
      .post('/:id/test', async (c) => {
        const webhook = await findEndpoint(deps.db, c.req.param('id'));
        if (!webhook) throw notFound();
        const now = deps.clock.now();
        const message: EventPayload = {
          type: testEventType,
          timestamp: now.toISOString(),
          data: { message: 'A test event from Keyline: this endpoint is reachable and its signatures verify.', actor: { id: c.get('caller').user.id, username: c.get('caller').user.username } },
        };
        const messageId = `evt_${randomUUID().replaceAll('-', '')}`;
        const delivery = await enqueueDelivery(deps.db, webhook.id, { messageId, eventType: testEventType, body: JSON.stringify(message) }, now, new Date(now.getTime() + retryWindowMs));
        return c.json(delivery satisfies WebhookDelivery, 202);
      })
      .get('/:id/deliveries', async (c) => {
        const webhook = await findEndpoint(deps.db, c.req.param('id'));
        if (!webhook) throw notFound();
        return c.json({ data: await listDeliveries(deps.db, webhook.id) } satisfies WebhookDeliveryList, 200);
      })
      .post('/:id/deliveries/:deliveryId/redeliver', async (c) => {
        const now = deps.clock.now();
        const delivery = await requeueDelivery(deps.db, c.req.param('id'), c.req.param('deliveryId'), now, new Date(now.getTime() + retryWindowMs));
        if (!delivery) throw notFound();
        return c.json(delivery satisfies WebhookDelivery, 202);
      })
  );
};
