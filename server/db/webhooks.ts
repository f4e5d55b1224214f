import { randomUUID } from 'node:crypto';
import type { EventType } from '../../src/contract/events';
import type { WebhookDelivery, WebhookEndpoint } from '../../src/contract/webhooks';
import type { Queryable } from './database';

type EndpointRow = {
  id: string;
  url: string;
  description: string;
  events: EventType[];
  enabled: boolean;
  created_at: Date;
  secret_rotated_at: Date | null;
};

const endpointColumns = 'id, url, description, events, enabled, created_at, secret_rotated_at';

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  description: row.description,
  events: row.events,
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
  secretRotatedAt: row.secret_rotated_at?.toISOString() ?? null,
});

export async function listEndpoints(db: Queryable): Promise<WebhookEndpoint[]> {
  return (await db.query<EndpointRow>(`SELECT ${endpointColumns} FROM webhook_endpoints ORDER BY created_at, id`)).map(toEndpoint);
}

export async function findEndpoint(db: Queryable, id: string): Promise<WebhookEndpoint | null> {
  const [row] = await db.query<EndpointRow>(`SELECT ${endpointColumns} FROM webhook_endpoints WHERE id = $1`, [id]);
  return row ? toEndpoint(row) : null;
}

export async function insertEndpoint(
  db: Queryable,
  input: { url: string; description: string; events: EventType[]; enabled: boolean; secretSealed: Buffer; createdBy: string; now: Date },
): Promise<WebhookEndpoint> {
  const [row] = await db.query<EndpointRow>(
    `INSERT INTO webhook_endpoints (id, url, description, events, enabled, secret_sealed, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${endpointColumns}`,
    [`wh_${randomUUID().replaceAll('-', '')}`, input.url, input.description, input.events, input.enabled, input.secretSealed, input.createdBy, input.now],
  );
  if (!row) throw new Error('Inserted webhook endpoint not found');
  return toEndpoint(row);
}

export async function updateEndpoint(
  db: Queryable,
  id: string,
  change: { url?: string; description?: string; events?: EventType[]; enabled?: boolean },
): Promise<WebhookEndpoint | null> {
  const [row] = await db.query<EndpointRow>(
    `UPDATE webhook_endpoints SET url = COALESCE($2, url), description = COALESCE($3, description),
       events = COALESCE($4, events), enabled = COALESCE($5, enabled)
     WHERE id = $1 RETURNING ${endpointColumns}`,
    [id, change.url ?? null, change.description ?? null, change.events ?? null, change.enabled ?? null],
  );
  return row ? toEndpoint(row) : null;
}

export async function replaceEndpointSecret(db: Queryable, id: string, secretSealed: Buffer, now: Date): Promise<WebhookEndpoint | null> {
  const [row] = await db.query<EndpointRow>(
    `UPDATE webhook_endpoints SET secret_sealed = $2, secret_rotated_at = $3 WHERE id = $1 RETURNING ${endpointColumns}`,
    [id, secretSealed, now],
  );
  return row ? toEndpoint(row) : null;
}

/** Its deliveries go with it. */
export async function deleteEndpoint(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id', [id])).length > 0;
}

type DeliveryRow = {
  id: string;
  message_id: string;
  event_type: string;
  status: WebhookDelivery['status'];
  attempts: number;
  created_at: Date;
  last_attempt_at: Date | null;
  next_attempt_at: Date | null;
  response_status: number | null;
  latency_ms: number | null;
  error: string | null;
};

const deliveryColumns = `id, message_id, event_type, status, attempts, created_at, last_attempt_at, next_attempt_at,
  response_status, latency_ms, error`;

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  messageId: row.message_id,
  eventType: row.event_type,
  status: row.status,
  attempts: row.attempts,
  createdAt: row.created_at.toISOString(),
  lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
  nextAttemptAt: row.status === 'pending' ? (row.next_attempt_at?.toISOString() ?? null) : null,
  responseStatus: row.response_status,
  latencyMs: row.latency_ms,
  error: row.error,
});

/** The endpoint's latest deliveries, newest first. */
export async function listDeliveries(db: Queryable, endpointId: string, limit = 50): Promise<WebhookDelivery[]> {
  const rows = await db.query<DeliveryRow>(
    `SELECT ${deliveryColumns} FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY seq DESC LIMIT $2`,
    [endpointId, limit],
  );
  return rows.map(toDelivery);
}

export type NewDelivery = { messageId: string; eventType: string; body: string };

/** Queues one message for one endpoint, due now. */
export async function enqueueDelivery(
  db: Queryable,
  endpointId: string,
  message: NewDelivery,
  now: Date,
  giveUpAfter: Date,
): Promise<WebhookDelivery> {
  const [row] = await db.query<DeliveryRow>(
    `INSERT INTO webhook_deliveries (id, endpoint_id, message_id, event_type, body, status, created_at, give_up_after, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $6) RETURNING ${deliveryColumns}`,
    [`whd_${randomUUID().replaceAll('-', '')}`, endpointId, message.messageId, message.eventType, message.body, now, giveUpAfter],
  );
  if (!row) throw new Error('Queued delivery not found');
  return toDelivery(row);
}

/** Queues one message for every enabled endpoint that wants its type. */
export async function enqueueForSubscribers(db: Queryable, message: NewDelivery & { eventType: EventType }, now: Date, giveUpAfter: Date) {
  await db.query(
    `INSERT INTO webhook_deliveries (id, endpoint_id, message_id, event_type, body, status, created_at, give_up_after, next_attempt_at)
     SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), e.id, $1, $2, $3, 'pending', $4, $5, $4
     FROM webhook_endpoints e WHERE e.enabled AND $2 = ANY(e.events)`,
    [message.messageId, message.eventType, message.body, now, giveUpAfter],
  );
}

/** Sends it again from now on, with a fresh 24-hour window; the message (id and body) stays the same. */
export async function requeueDelivery(db: Queryable, endpointId: string, id: string, now: Date, giveUpAfter: Date): Promise<WebhookDelivery | null> {
  const [row] = await db.query<DeliveryRow>(
    `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $3, give_up_after = $4
     WHERE id = $2 AND endpoint_id = $1 RETURNING ${deliveryColumns}`,
    [endpointId, id, now, giveUpAfter],
  );
  return row ? toDelivery(row) : null;
}

export type ClaimedDelivery = {
  id: string;
  endpoint_id: string;
  message_id: string;
  body: string;
  attempts: number;
  give_up_after: Date;
  url: string;
  secret_sealed: Buffer;
};

/**
 * Takes up to `limit` due deliveries of enabled endpoints and leases them until `leaseUntil`: another
 * instance skips them (SKIP LOCKED while this transaction runs, then the lease), so each attempt is
 * made by one instance. A process that dies mid-attempt leaves the lease to run out and be retried.
 */
export async function claimDueDeliveries(db: Queryable, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
  return db.query<ClaimedDelivery>(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
       WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND e.enabled
       ORDER BY d.next_attempt_at LIMIT $3
       FOR UPDATE OF d SKIP LOCKED
     )
     UPDATE webhook_deliveries d SET next_attempt_at = $2
     FROM due, webhook_endpoints e
     WHERE d.id = due.id AND e.id = d.endpoint_id
     RETURNING d.id, d.endpoint_id, d.message_id, d.body, d.attempts, d.give_up_after, e.url, e.secret_sealed`,
    [now, leaseUntil, limit],
  );
}

export async function recordAttempt(
  db: Queryable,
  id: string,
  outcome: {
    at: Date;
    status: 'pending' | 'delivered' | 'failed';
    nextAttemptAt: Date | null;
    responseStatus: number | null;
    latencyMs: number | null;
    error: string | null;
  },
): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = $2, status = $3, next_attempt_at = $4,
       response_status = $5, latency_ms = $6, error = $7
     WHERE id = $1`,
    [id, outcome.at, outcome.status, outcome.nextAttemptAt, outcome.responseStatus, outcome.latencyMs, outcome.error],
  );
}
