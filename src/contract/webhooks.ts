import { z } from 'zod/mini';
import { eventTypeSchema } from './events';
import { timestampSchema as timestamp } from './timestamp';

/**
 * Webhook endpoints (Settings → Webhooks, admins): `GET|POST /api/webhooks`, `PATCH|DELETE /api/webhooks/:id`,
 * `POST /api/webhooks/:id/secret` (a new signing secret), `POST /api/webhooks/:id/test`,
 * `GET /api/webhooks/:id/deliveries` and `POST /api/webhooks/:id/deliveries/:deliveryId/redeliver`.
 * Deliveries are signed with the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`).
 */

export const webhookUrlMaxLength = 2048;

export const webhookMessages = {
  urlRequired: 'Enter the URL to send events to.',
  urlInvalid: 'Enter a full URL such as https://hooks.example.com/keyline.',
  urlScheme: 'Use an https:// (or http://) URL.',
  urlCredentials: 'Leave the user name and password out of the URL.',
  urlTooLong: `A URL has at most ${webhookUrlMaxLength} characters.`,
  urlPrivate: 'This address is on a private, loopback or link-local network; Keyline does not send events there.',
  eventsRequired: 'Pick at least one event.',
  descriptionTooLong: 'A description has at most 200 characters.',
};

/** The first thing wrong with `text` as a webhook URL, or null. The server also checks where the name resolves. */
export function webhookUrlProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return webhookMessages.urlRequired;
  if (trimmed.length > webhookUrlMaxLength) return webhookMessages.urlTooLong;
  if (!URL.canParse(trimmed)) return webhookMessages.urlInvalid;
  const url = new URL(trimmed);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return webhookMessages.urlScheme;
  if (url.username || url.password) return webhookMessages.urlCredentials;
  if (!url.hostname) return webhookMessages.urlInvalid;
  return null;
}

const webhookUrlSchema = z.string({ error: webhookMessages.urlRequired }).check(
  z.trim(),
  z.refine((text) => webhookUrlProblem(text) === null, { error: (issue) => webhookUrlProblem(String(issue.input)) ?? webhookMessages.urlInvalid }),
);
const eventsSchema = z.array(eventTypeSchema).check(z.minLength(1, webhookMessages.eventsRequired), z.maxLength(20));
const descriptionSchema = z.string().check(z.trim(), z.maxLength(200, webhookMessages.descriptionTooLong));

export const createWebhookRequestSchema = z.strictObject({
  url: webhookUrlSchema,
  events: eventsSchema,
  description: z.optional(descriptionSchema),
  enabled: z.optional(z.boolean()),
});
export type CreateWebhookRequest = z.infer<typeof createWebhookRequestSchema>;

export const updateWebhookRequestSchema = z.strictObject({
  url: z.optional(webhookUrlSchema),
  events: z.optional(eventsSchema),
  description: z.optional(descriptionSchema),
  enabled: z.optional(z.boolean()),
});
export type UpdateWebhookRequest = z.infer<typeof updateWebhookRequestSchema>;

/** An endpoint as every response shows it: never its signing secret. */
export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(eventTypeSchema),
  enabled: z.boolean(),
  createdAt: timestamp,
  secretRotatedAt: z.nullable(timestamp),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const webhookEndpointListSchema = z.object({ data: z.array(webhookEndpointSchema) });
export type WebhookEndpointList = z.infer<typeof webhookEndpointListSchema>;

/** Create and new secret: the only answers that hold the signing secret (`whsec_` + base64). */
export const webhookWithSecretSchema = z.object({ webhook: webhookEndpointSchema, secret: z.string() });
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const webhookDeliverySchema = z.object({
  id: z.string(),
  /** The `webhook-id` header: the same on every attempt and redelivery, so receivers can drop repeats. */
  messageId: z.string(),
  eventType: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.int(),
  createdAt: timestamp,
  lastAttemptAt: z.nullable(timestamp),
  /** Pending: when the next attempt is due. */
  nextAttemptAt: z.nullable(timestamp),
  /** The receiver's HTTP status on the last attempt; null when none came back. */
  responseStatus: z.nullable(z.int()),
  latencyMs: z.nullable(z.int()),
  /** Why the last attempt failed, in a few words (timed out, refused address, redirect…). */
  error: z.nullable(z.string()),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListSchema = z.object({ data: z.array(webhookDeliverySchema) });
export type WebhookDeliveryList = z.infer<typeof webhookDeliveryListSchema>;
