import { z } from 'zod/mini';
import { apiKeySchema, apiKeyStatusSchema, revocationReasons } from './tokens';
import { timestampSchema as timestamp } from './timestamp';

/** How long the previous secret keeps working after a rotate. Bounded: at most a week. */
export const gracePeriods = ['none', '1h', '24h', '7d'] as const;
export const gracePeriodSchema = z.enum(gracePeriods);
export type GracePeriod = z.infer<typeof gracePeriodSchema>;
export const gracePeriodMs: Record<GracePeriod, number> = {
  none: 0,
  '1h': 60 * 60 * 1000,
  '24h': 24 * 60 * 60 * 1000,
  '7d': 7 * 24 * 60 * 60 * 1000,
};

/** `POST /api/api-keys/:id/rotate`; the answer is a `createApiKeyResponseSchema` (the new secret, once). */
export const rotateApiKeyRequestSchema = z.strictObject({
  gracePeriod: gracePeriodSchema,
});
export type RotateApiKeyRequest = z.infer<typeof rotateApiKeyRequestSchema>;

/** What kind of program presented a token, recognised from its User-Agent. */
export const clientKinds = ['curl', 'node', 'python', 'github_actions', 'gitlab_ci', 'browser', 'other'] as const;
export const clientKindSchema = z.enum(clientKinds);
export type ClientKind = z.infer<typeof clientKindSchema>;

export const apiKeyEventTypes = [
  'created',
  'first_used',
  /** Derived from the token's last-use fields, not stored: it changes on every (throttled) use. */
  'last_used',
  'rotated',
  'grace_ended',
  'revoked',
  /** Someone presented a dead secret (revoked, expired, or a previous secret after its grace). One row per token. */
  'rejected',
  /** Scopes taken away in place (never added): `scopesRemoved` says which, `actor` who. */
  'scopes_narrowed',
] as const;
export const apiKeyEventTypeSchema = z.enum(apiKeyEventTypes);
export type ApiKeyEventType = z.infer<typeof apiKeyEventTypeSchema>;

export const rejectionReasons = ['revoked', 'expired', 'previous_secret'] as const;
/** How a token was created when not on the dashboard. */
export const creationRoutes = ['device_login'] as const;

export const apiKeyEventSchema = z.object({
  id: z.string(),
  type: apiKeyEventTypeSchema,
  /** When it happened; for `rejected`, the first recorded attempt (see `lastAt`). */
  at: timestamp,
  /** Who did it (created, rotated, revoked, grace_ended); null for uses and for a deleted user. */
  actor: z.nullable(z.object({ id: z.string(), username: z.string() })),
  ip: z.nullable(z.string()),
  userAgent: z.nullable(z.string()),
  client: z.nullable(clientKindSchema),
  /** Rejected: recorded attempts (at most one a minute). 1 for everything else. */
  count: z.int(),
  /** Rejected: the latest recorded attempt. */
  lastAt: z.nullable(timestamp),
  /** Rotated: the grace period chosen. */
  gracePeriod: z.nullable(gracePeriodSchema),
  /**
   * Rejected: why the latest attempt was refused. Revoked: why, when not by a person's choice.
   * Grace ended: `reported_leaked` when the replaced secret was reported leaked.
   */
  reason: z.nullable(z.enum([...rejectionReasons, ...revocationReasons])),
  /** Revoked or grace ended as `reported_leaked`: where the secret was found (a scanner's report); null when someone holding it reported it. */
  leakUrl: z.nullable(z.string()),
  /** Created: how, when not on the dashboard (`device_login`: the CLI's sign-in, `ip` the machine's address). */
  via: z.nullable(z.enum(creationRoutes)),
  /** Scopes narrowed: the scopes taken away. */
  scopesRemoved: z.optional(z.nullable(z.array(z.string()))),
});
export type ApiKeyEvent = z.infer<typeof apiKeyEventSchema>;

/** `GET /api/api-keys/:id/events`: oldest first. */
export const apiKeyEventListSchema = z.object({ data: z.array(apiKeyEventSchema) });
export type ApiKeyEventList = z.infer<typeof apiKeyEventListSchema>;

/** `POST /api/token-checks`: a pasted secret, in the body only (never a URL). */
export const tokenCheckRequestSchema = z.strictObject({
  token: z.string({ error: 'Paste a token.' }).check(z.trim(), z.minLength(1, 'Paste a token.'), z.maxLength(512, 'That is too long to be a token.')),
});
export type TokenCheckRequest = z.infer<typeof tokenCheckRequestSchema>;

// A plain union (each option has its own `result` literal): the same parse, less code in the SPA than discriminatedUnion.
export const tokenCheckResponseSchema = z.union([
  /** Fails the offline format and checksum check: not a Keyline token at all. */
  z.object({ result: z.literal('invalid_format') }),
  /** Well-formed, but no token has this secret (never issued, or deleted). */
  z.object({ result: z.literal('unknown') }),
  /** Someone else's token, and the caller is not an admin: nothing more is said. */
  z.object({ result: z.literal('not_yours') }),
  z.object({
    result: z.literal('found'),
    apiKey: apiKeySchema,
    /** Which of the token's secrets was pasted: the current one or the one replaced by the last rotate. */
    matched: z.enum(['current', 'previous']),
    /** Whether the pasted secret itself still works (a previous secret dies when its grace ends). */
    secretStatus: apiKeyStatusSchema,
  }),
]);
export type TokenCheckResponse = z.infer<typeof tokenCheckResponseSchema>;
