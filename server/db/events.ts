import type { Database, Queryable } from './database';

/** An outbox row: a lifecycle event as the triggers (or the expiry scan) recorded it, URL-less. */
export type StoredEvent = { id: string; type: string; occurred_at: Date; data: Record<string, unknown> };

/**
 * Claims up to `limit` events nobody has dispatched yet, oldest first, and runs `dispatch` on them in
 * the same transaction, which then marks them dispatched: an event is handed on once, whatever the
 * number of instances (SKIP LOCKED: another instance takes the next ones instead of waiting).
 */
export async function dispatchPendingEvents(
  db: Database,
  now: Date,
  limit: number,
  dispatch: (tx: Queryable, events: StoredEvent[]) => Promise<void>,
): Promise<number> {
  return db.transaction(async (tx) => {
    const events = await tx.query<StoredEvent>(
      `SELECT id, type, occurred_at, data FROM events WHERE dispatched_at IS NULL
       ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    if (events.length === 0) return 0;
    await dispatch(tx, events);
    await tx.query('UPDATE events SET dispatched_at = $2 WHERE id = ANY($1::text[])', [events.map((event) => event.id), now]);
    return events.length;
  });
}

/** The events recorded, oldest first (tests and the operator's eye; the outbox is not an API). */
export async function listEvents(db: Queryable, type?: string): Promise<StoredEvent[]> {
  return db.query<StoredEvent>(
    `SELECT id, type, occurred_at, data FROM events WHERE ($1::text IS NULL OR type = $1) ORDER BY seq`,
    [type ?? null],
  );
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * One pass of the expiry scan for one threshold (`daysBefore` days before expiry; 0 = expiry itself).
 * Reads only the live tokens whose threshold was crossed since the last pass — a range of the partial
 * index on (expires_at, id) — records an event for each in the same transaction as the new watermark,
 * so each threshold is announced once per token and expiry, across restarts and instances (the
 * watermark row is locked; a busy one is skipped, not waited for). A token already past the next
 * smaller threshold gets only that one; a token made with less time left than a threshold does not get it. The first pass ever starts the watch and announces nothing.
 * Returns how many it announced and whether more are waiting (a full batch).
 */
export async function scanExpiryThreshold(
  db: Database,
  input: { daysBefore: number; nextDaysBefore: number | null; now: Date; batch: number },
): Promise<{ announced: number; more: boolean }> {
  const { daysBefore, nextDaysBefore, now, batch } = input;
  const upTo = new Date(now.getTime() + daysBefore * dayMs);
  return db.transaction(async (tx) => {
    const [scan] = await tx.query<{ scanned_until: Date; last_id: string | null }>(
      'SELECT scanned_until, last_id FROM expiry_scans WHERE days_before = $1 FOR UPDATE SKIP LOCKED',
      [daysBefore],
    );
    if (!scan) {
      await tx.query(
        'INSERT INTO expiry_scans (days_before, scanned_until) VALUES ($1, $2) ON CONFLICT (days_before) DO NOTHING',
        [daysBefore, upTo],
      );
      return { announced: 0, more: false };
    }
    const params: unknown[] = [scan.scanned_until, upTo, batch];
    const after = scan.last_id === null ? 'k.expires_at > $1' : `(k.expires_at, k.id) > ($1, ${`$${params.push(scan.last_id)}`}::text)`;
    const beforeNext = nextDaysBefore === null ? '' : ` AND k.expires_at > $${params.push(new Date(now.getTime() + nextDaysBefore * dayMs))}`;
    // A token made with less time left than the threshold (a 7-day token and the 7-day notice) was never before it.
    const bornBefore = daysBefore === 0 ? '' : ` AND k.created_at < k.expires_at - make_interval(days => $${params.push(daysBefore)}::int)`;
    const crossed = await tx.query<{ id: string; expires_at: Date }>(
      `SELECT k.id, k.expires_at FROM api_keys k
       WHERE k.revoked_at IS NULL AND ${after} AND k.expires_at <= $2${beforeNext}${bornBefore}
       ORDER BY k.expires_at, k.id LIMIT $3`,
      params,
    );
    if (crossed.length > 0) {
      const ids = crossed.map((row) => row.id);
      await (daysBefore === 0
        ? tx.query(
            `SELECT keyline_record_event('token.expired', k.expires_at, jsonb_build_object('token', keyline_event_token(k.id), 'actor', null))
             FROM api_keys k WHERE k.id = ANY($1::text[])`,
            [ids],
          )
        : tx.query(
            `SELECT keyline_record_event('token.expiring', $2, jsonb_build_object('token', keyline_event_token(k.id), 'actor', null,
               'expiring', jsonb_build_object('daysBefore', $3::int)))
             FROM api_keys k WHERE k.id = ANY($1::text[])`,
            [ids, now, daysBefore],
          ));
    }
    const more = crossed.length === batch;
    const last = crossed.at(-1);
    // A clock set back never moves the watermark back (that would announce a threshold twice).
    await tx.query(
      `UPDATE expiry_scans SET scanned_until = CASE WHEN $3::text IS NULL THEN GREATEST(scanned_until, $2) ELSE $2 END, last_id = $3
       WHERE days_before = $1`,
      [
        daysBefore,
        more && last ? last.expires_at : upTo,
        more && last ? last.id : null,
      ],
    );
    return { announced: crossed.length, more };
  });
}
