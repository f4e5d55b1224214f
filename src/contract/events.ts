import { z } from 'zod/mini';
import { timestampSchema as timestamp } from './timestamp';

/**
 * Lifecycle events: what webhooks (and, later, email) tell the outside world. Never a secret.
 * Every event's body is `{ type, timestamp, data }`, the Standard Webhooks payload shape.
 */
export const eventTypes = [
  'token.created',
  'token.rotated',
  'token.revoked',
  'token.expiring',
  'token.expired',
  'token.leaked',
  'user.deactivated',
] as const;
export const eventTypeSchema = z.enum(eventTypes);
export type EventType = z.infer<typeof eventTypeSchema>;

/** Sent only by "Send test event", to one endpoint, whatever events it wants. */
export const testEventType = 'webhook.test';

export const eventTypeLabels: Record<EventType, string> = {
  'token.created': 'Token created',
  'token.rotated': 'Token rotated',
  'token.revoked': 'Token revoked',
  'token.expiring': 'Token expiring (30, 7 and 1 days before)',
  'token.expired': 'Token expired',
  'token.leaked': 'Token reported leaked',
  'user.deactivated': 'Person deactivated',
};

/** Days before expiry at which `token.expiring` is sent, once each per token (and expiry). */
export const expiryThresholdDays = [30, 7, 1] as const;
export type ExpiryThresholdDays = (typeof expiryThresholdDays)[number];

/**
 * Why a token was revoked: by its owner, by an admin (one token or in bulk), because its owner was
 * deactivated, or because it was reported leaked.
 */
export const revocationCauses = ['owner', 'admin', 'owner_deactivated', 'leaked'] as const;

const person = z.object({ id: z.string(), username: z.string() });

/** The token as an event shows it: what identifies it and where to find it, never its secret. */
export const eventTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  hint: z.string(),
  environment: z.string(),
  owner: z.object({ id: z.string(), username: z.string(), kind: z.enum(['person', 'service_account']) }),
  scopes: z.array(z.string()),
  expiresAt: timestamp,
  lastUsedAt: z.nullable(timestamp),
  /** The token's page in Keyline. */
  url: z.string(),
});
export type EventToken = z.infer<typeof eventTokenSchema>;

export const eventDataSchema = z.object({
  token: z.optional(eventTokenSchema),
  /** user.deactivated: the person. */
  user: z.optional(person),
  /** Who did it; null when nobody did (expiry) or the person is gone. */
  actor: z.optional(z.nullable(person)),
  /** token.revoked: why. */
  revocation: z.optional(z.object({ cause: z.enum(revocationCauses) })),
  /** token.leaked: where it was found (null: someone holding it reported it) and what stopped (the token, or a replaced secret's grace). */
  leak: z.optional(z.object({ url: z.nullable(z.string()), effect: z.enum(['revoked', 'grace_ended']) })),
  /** token.expiring: which threshold was crossed. */
  expiring: z.optional(z.object({ daysBefore: z.int() })),
  /** webhook.test only. */
  message: z.optional(z.string()),
});

export const eventPayloadSchema = z.object({
  type: z.union([eventTypeSchema, z.literal(testEventType)]),
  timestamp,
  data: eventDataSchema,
});
export type EventPayload = z.infer<typeof eventPayloadSchema>;
