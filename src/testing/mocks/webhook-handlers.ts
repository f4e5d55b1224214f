import { http, HttpResponse } from 'msw';
import { routes } from '../../contract/paths';
import {
  createWebhookRequestSchema,
  updateWebhookRequestSchema,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookWithSecretSchema,
} from '../../contract/webhooks';
import { buildWebhookDelivery, buildWebhookEndpoint } from '../factories';
import { errorResponse, issueFields, unauthenticated } from './error-response';
import { store } from './store';

const notFound = () => errorResponse(404, 'not_found_error', 'Not found.');
const adminsOnly = () => errorResponse(403, 'permission_error', 'Only workspace admins can manage webhooks.');
/** Not a real secret: the mocks sign nothing. */
const mockSecret = () => `whsec_${btoa('mock-signing-secret-0123456789abc')}`;

const guard = () => (!store.signedIn ? unauthenticated() : store.user.role !== 'admin' ? adminsOnly() : null);
const endpointOf = (id: unknown) => store.webhooks.find((endpoint) => endpoint.id === id);

/** Settings → Webhooks over `store.webhooks`; a test event is delivered at once (the mocks have no worker). */
export const webhookHandlers = [
  http.get(routes.webhooks, () => guard() ?? HttpResponse.json(webhookEndpointListSchema.parse({ data: store.webhooks }))),

  http.post(routes.webhooks, async ({ request }) => {
    const refused = guard();
    if (refused) return refused;
    const body = createWebhookRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    const webhook = buildWebhookEndpoint({ url: body.data.url, events: body.data.events, description: body.data.description ?? '', enabled: body.data.enabled ?? true, createdAt: new Date().toISOString() });
    store.webhooks = [...store.webhooks, webhook];
    return HttpResponse.json(webhookWithSecretSchema.parse({ webhook, secret: mockSecret() }), { status: 201 });
  }),

  http.patch(routes.webhook, async ({ params, request }) => {
    const refused = guard();
    if (refused) return refused;
    const endpoint = endpointOf(params.id);
    if (!endpoint) return notFound();
    const body = updateWebhookRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    const changed = webhookEndpointSchema.parse({ ...endpoint, ...body.data });
    store.webhooks = store.webhooks.map((e) => (e === endpoint ? changed : e));
    return HttpResponse.json(changed);
  }),

  http.delete(routes.webhook, ({ params }) => {
    const refused = guard();
    if (refused) return refused;
    if (!endpointOf(params.id)) return notFound();
    store.webhooks = store.webhooks.filter((e) => e.id !== params.id);
    return new HttpResponse(null, { status: 204 });
  }),

  http.post(routes.webhookSecret, ({ params }) => {
    const refused = guard();
    if (refused) return refused;
    const endpoint = endpointOf(params.id);
    if (!endpoint) return notFound();
    const webhook = { ...endpoint, secretRotatedAt: new Date().toISOString() };
    store.webhooks = store.webhooks.map((e) => (e === endpoint ? webhook : e));
    return HttpResponse.json(webhookWithSecretSchema.parse({ webhook, secret: mockSecret() }));
  }),

  http.post(routes.webhookTest, ({ params }) => {
    const refused = guard();
    if (refused) return refused;
    const endpoint = endpointOf(params.id);
    if (!endpoint) return notFound();
    const now = new Date().toISOString();
    const delivery = buildWebhookDelivery({ createdAt: now, lastAttemptAt: now });
    store.webhookDeliveries[endpoint.id] = [delivery, ...(store.webhookDeliveries[endpoint.id] ?? [])];
    return HttpResponse.json(webhookDeliverySchema.parse({ ...delivery, status: 'pending', attempts: 0, lastAttemptAt: null, responseStatus: null, latencyMs: null }), { status: 202 });
  }),

  http.get(routes.webhookDeliveries, ({ params }) => {
    const refused = guard();
    if (refused) return refused;
    const endpoint = endpointOf(params.id);
    if (!endpoint) return notFound();
    return HttpResponse.json(webhookDeliveryListSchema.parse({ data: store.webhookDeliveries[endpoint.id] ?? [] }));
  }),

  http.post(routes.webhookRedeliver, ({ params }) => {
    const refused = guard();
    if (refused) return refused;
    const deliveries = store.webhookDeliveries[String(params.id)] ?? [];
    const delivery = deliveries.find((d) => d.id === params.deliveryId);
    if (!delivery) return notFound();
    const now = new Date().toISOString();
    const sent = { ...delivery, status: 'delivered' as const, attempts: delivery.attempts + 1, lastAttemptAt: now, responseStatus: 200, latencyMs: 38, error: null, nextAttemptAt: null };
    store.webhookDeliveries[String(params.id)] = deliveries.map((d) => (d === delivery ? sent : d));
    return HttpResponse.json(webhookDeliverySchema.parse(sent), { status: 202 });
  }),
];
