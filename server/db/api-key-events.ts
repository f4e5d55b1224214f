import { randomUUID } from 'node:crypto';
import type { ApiKeyEvent, ApiKeyEventType, ClientKind, creationRoutes, GracePeriod, rejectionReasons } from '../../src/contract/lifecycle';
import type { RevocationReason } from '../../src/contract/tokens';
import { classifyUserAgent } from '../../src/contract/user-agent';
import type { Queryable } from './database';

type StoredEventType = Exclude<ApiKeyEventType, 'last_used'>;
export type RejectionReason = (typeof rejectionReasons)[number];
type EventReason = NonNullable<ApiKeyEvent['reason']>;

export type RequestOrigin = { ip: string | null; userAgent: string | null };

export async function insertApiKeyEvent(
  db: Queryable,
  event: {
    apiKeyId: string;
    type: Exclude<StoredEventType, 'first_used' | 'rejected'>;
    actorId: string | null;
    at: Date;
    gracePeriod?: GracePeriod;
    via?: (typeof creationRoutes)[number];
    /** Revoked or grace ended other than by a person's choice (a leak report), and where the secret was found. */
    reason?: RevocationReason;
    leakUrl?: string | null;
  } & Partial<RequestOrigin>,
): Promise<void> {
  const userAgent = event.userAgent ?? null;
  await db.query(
    `INSERT INTO api_key_events (id, api_key_id, type, actor_id, ip, user_agent, client, at, grace_period, via, reason, leak_url)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [randomUUID(), event.apiKeyId, event.type, event.actorId, event.ip ?? null, userAgent,
      classifyUserAgent(userAgent), event.at, event.gracePeriod ?? null, event.via ?? null, event.reason ?? null, event.leakUrl ?? null],
  );
}

/** Once per token: the unique partial index makes a second attempt a no-op. */
export async function recordFirstUse(db: Queryable, apiKeyId: string, at: Date, origin: RequestOrigin): Promise<void> {
  await db.query(
    `INSERT INTO api_key_events (id, api_key_id, type, ip, user_agent, client, at)
     VALUES ($1, $2, 'first_used', $3, $4, $5, $6)
     ON CONFLICT (api_key_id) WHERE type = 'first_used' DO NOTHING`,
    [randomUUID(), apiKeyId, origin.ip, origin.userAgent, classifyUserAgent(origin.userAgent), at],
  );
}

/**
 * Someone presented a dead secret. One counting row per token, written at most once a minute (like
 * last use): a retry loop in a forgotten CI job cannot turn into a write per request. So `count`
 * counts recorded attempts, not every request.
 */
export async function recordRejectedAttempt(
  db: Queryable,
  apiKeyId: string,
  at: Date,
  origin: RequestOrigin,
  reason: RejectionReason,
): Promise<void> {
  await db.query(
    `INSERT INTO api_key_events (id, api_key_id, type, ip, user_agent, client, at, last_at, reason)
     VALUES ($1, $2, 'rejected', $3, $4, $5, $6, $6, $7)
     ON CONFLICT (api_key_id) WHERE type = 'rejected' DO UPDATE
       SET count = api_key_events.count + 1, last_at = EXCLUDED.last_at, ip = EXCLUDED.ip,
           user_agent = EXCLUDED.user_agent, client = EXCLUDED.client, reason = EXCLUDED.reason
       WHERE api_key_events.last_at <= EXCLUDED.last_at - interval '60 seconds'`,
    [randomUUID(), apiKeyId, origin.ip, origin.userAgent, classifyUserAgent(origin.userAgent), at, reason],
  );
}

type EventRow = {
  id: string;
  type: StoredEventType;
  actor_id: string | null;
  actor_username: string | null;
  ip: string | null;
  user_agent: string | null;
  client: ClientKind | null;
  at: Date;
  count: number;
  last_at: Date | null;
  grace_period: GracePeriod | null;
  reason: EventReason | null;
  leak_url: string | null;
  via: ApiKeyEvent['via'];
  scopes_removed: string[] | null;
};

// Ties (a token created and used in the same millisecond) read in lifecycle order.
const rank: Record<ApiKeyEventType, number> = {
  created: 0,
  first_used: 1,
  rotated: 2,
  grace_ended: 3,
  last_used: 4,
  revoked: 5,
  rejected: 6,
  scopes_narrowed: 7,
};
const sortTime = (event: ApiKeyEvent) => Date.parse(event.lastAt ?? event.at);

/**
 * The token's timeline, oldest first: the stored events plus its last use, which lives on the token
 * row (throttled there) rather than as an event per request.
 */
export async function listApiKeyEvents(
  db: Queryable,
  apiKeyId: string,
  lastUse: { at: string; ip: string | null; userAgent: string | null } | null,
): Promise<ApiKeyEvent[]> {
  const rows = await db.query<EventRow>(
    `SELECT e.id, e.type, e.actor_id, u.username AS actor_username, e.ip, e.user_agent, e.client, e.at, e.count,
            e.last_at, e.grace_period, e.reason, e.leak_url, e.via, e.scopes_removed
     FROM api_key_events e LEFT JOIN users u ON u.id = e.actor_id
     WHERE e.api_key_id = $1`,
    [apiKeyId],
  );
  const events: ApiKeyEvent[] = rows.map((row) => ({
    id: row.id,
    type: row.type,
    at: row.at.toISOString(),
    actor: row.actor_id && row.actor_username ? { id: row.actor_id, username: row.actor_username } : null,
    ip: row.ip,
    userAgent: row.user_agent,
    client: row.client,
    count: row.count,
    lastAt: row.last_at?.toISOString() ?? null,
    gracePeriod: row.grace_period,
    reason: row.reason,
    leakUrl: row.leak_url,
    via: row.via,
    scopesRemoved: row.scopes_removed,
  }));
  if (lastUse) {
    events.push({
      id: `${apiKeyId}:last_used`,
      type: 'last_used',
      at: lastUse.at,
      actor: null,
      ip: lastUse.ip,
      userAgent: lastUse.userAgent,
      client: classifyUserAgent(lastUse.userAgent),
      count: 1,
      lastAt: null,
      gracePeriod: null,
      reason: null,
      leakUrl: null,
      via: null,
    });
  }
  return events.sort((a, b) => sortTime(a) - sortTime(b) || rank[a.type] - rank[b.type]);
}
