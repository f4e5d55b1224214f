import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { paths } from '../../contract/paths';
import {
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookWithSecretSchema,
  type CreateWebhookRequest,
  type UpdateWebhookRequest,
  type WebhookDeliveryList,
} from '../../contract/webhooks';
import { api } from '../../lib/api-client';

/** While a delivery is on its way, its log is read again this often. */
const pendingRefetchMs = 2000;

/** Every webhook query under one root: the endpoints, and each one's delivery log. */
export const webhookQueries = {
  all: () => ['webhooks'] as const,
  list: () =>
    queryOptions({
      queryKey: [...webhookQueries.all(), 'list'],
      queryFn: ({ signal }) => api.get(paths.webhooks, { schema: webhookEndpointListSchema, signal }),
    }),
  deliveries: (id: string) =>
    queryOptions({
      queryKey: [...webhookQueries.all(), 'deliveries', id],
      queryFn: ({ signal }) => api.get(paths.webhookDeliveries(id), { schema: webhookDeliveryListSchema, signal }),
      refetchInterval: (query) => (hasPending(query.state.data) ? pendingRefetchMs : false),
    }),
};

const hasPending = (list: WebhookDeliveryList | undefined) => list?.data.some((delivery) => delivery.status === 'pending') ?? false;

export const webhookMutations = {
  /** The reply holds the signing secret: `gcTime: 0`, shown once by the dialog, never copied into a query. */
  create: () =>
    mutationOptions({
      mutationKey: [...webhookQueries.all(), 'create'],
      mutationFn: (request: CreateWebhookRequest) => api.post(paths.webhooks, { body: request, schema: webhookWithSecretSchema }),
      gcTime: 0,
      meta: { invalidates: [webhookQueries.all()] },
    }),
  /** A new signing secret (the old one stops at once); holds it like `create`. */
  rotateSecret: () =>
    mutationOptions({
      mutationKey: [...webhookQueries.all(), 'rotate-secret'],
      mutationFn: (id: string) => api.post(paths.webhookSecret(id), { schema: webhookWithSecretSchema }),
      gcTime: 0,
      meta: { invalidates: [webhookQueries.all()] },
    }),
  update: () =>
    mutationOptions({
      mutationKey: [...webhookQueries.all(), 'update'],
      mutationFn: ({ id, ...change }: UpdateWebhookRequest & { id: string }) => api.patch(paths.webhook(id), { body: change, schema: webhookEndpointSchema }),
      meta: { invalidates: [webhookQueries.all()] },
    }),
  remove: () =>
    mutationOptions({
      mutationKey: [...webhookQueries.all(), 'remove'],
      mutationFn: (id: string) => api.delete(paths.webhook(id)),
      meta: { invalidates: [webhookQueries.all()] },
    }),
  sendTest: () =>
    mutationOptions({
      mutationKey: [...webhookQueries.all(), 'test'],
      mutationFn: (id: string) => api.post(paths.webhookTest(id), { schema: webhookDeliverySchema }),
      meta: { invalidates: [webhookQueries.all()] },
    }),
  redeliver: () =>
    mutationOptions({
      mutationKey: [...webhookQueries.all(), 'redeliver'],
      mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) => api.post(paths.webhookRedeliver(id, deliveryId), { schema: webhookDeliverySchema }),
      meta: { invalidates: [webhookQueries.all()] },
    }),
};
