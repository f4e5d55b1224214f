import type { Queryable } from './database';

// What a leak report writes: the report itself (for replays) and the end of the leaked secret.

/**
 * Keeps that this (secret, place) was reported for the token. True when it is new; false for a replay,
 * which must then change nothing.
 */
export async function recordLeakReport(
  tx: Queryable,
  report: { digest: Buffer; apiKeyId: string; source: string; at: Date },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO leak_reports (digest, api_key_id, source, reported_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (digest) DO NOTHING RETURNING api_key_id`,
    [report.digest, report.apiKeyId, report.source, report.at],
  );
  return rows.length > 0;
}

/**
 * A token's current secret leaked: the token is revoked now, with nobody as the actor (the report is
 * the reason), and a replaced secret still in its grace period ends with it. True when this revoked it;
 * false when it already was (nothing changes then).
 */
export async function revokeLeakedToken(tx: Queryable, apiKeyId: string, now: Date): Promise<boolean> {
  // The revoked event the api_keys trigger writes (migration 14) gives this as its cause; for this transaction only.
  await tx.query("SELECT set_config('keyline.revocation_cause', 'leaked', true)");
  const revoked = await tx.query(
    `UPDATE api_keys SET revoked_at = $2, revoked_by = NULL, active_name = NULL
     WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
    [apiKeyId, now],
  );
  if (revoked.length === 0) return false;
  await tx.query('UPDATE api_key_previous_secrets SET valid_until = $2 WHERE api_key_id = $1 AND valid_until > $2', [apiKeyId, now]);
  return true;
}

/**
 * The secret a rotate replaced leaked while its grace period runs: that secret stops now; the token
 * and its current secret stay. True when this ended it; false when it had already stopped working.
 */
export async function endLeakedPreviousSecret(tx: Queryable, apiKeyId: string, now: Date): Promise<boolean> {
  const ended = await tx.query(
    `UPDATE api_key_previous_secrets p SET valid_until = $2
     FROM api_keys k
     WHERE p.api_key_id = $1 AND k.id = p.api_key_id AND k.revoked_at IS NULL AND p.valid_until > $2
     RETURNING p.api_key_id`,
    [apiKeyId, now],
  );
  return ended.length > 0;
}

/** The `token.leaked` event for webhooks (and email): the token as events show it, where it was found, and what stopped. */
export async function recordLeakedEvent(tx: Queryable, leak: { apiKeyId: string; url: string | null; effect: 'revoked' | 'grace_ended'; at: Date }) {
  await tx.query(
    `SELECT keyline_record_event('token.leaked', $1, jsonb_build_object(
       'token', keyline_event_token($2), 'actor', NULL, 'leak', jsonb_build_object('url', $3::text, 'effect', $4::text)))`,
    [leak.at, leak.apiKeyId, leak.url, leak.effect],
  );
}
