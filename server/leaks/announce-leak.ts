import { insertApiKeyEvent } from '../db/api-key-events';
import type { Queryable } from '../db/database';

/** What a leak report did to one token, in the report's transaction. */
export type LeakOutcome = {
  apiKeyId: string;
  /** `revoked`: its current secret leaked and the token is revoked; `grace_ended`: a replaced secret in its grace period leaked and stopped. */
  effect: 'revoked' | 'grace_ended';
  /** Where the secret was found (a scanner's report), or null when someone holding it reported it. */
  url: string | null;
  at: Date;
};

/**
 * Tells everyone who must hear that a token leaked. Today: the token's timeline. This is the one place
 * where the owner's email and the `token.leaked` / `token.revoked` webhooks are to be added (inside the
 * same transaction, so a notice is queued exactly when the revocation is written).
 */
export async function announceLeak(tx: Queryable, outcome: LeakOutcome): Promise<void> {
  await insertApiKeyEvent(tx, {
    apiKeyId: outcome.apiKeyId,
    type: outcome.effect,
    actorId: null,
    at: outcome.at,
    reason: 'reported_leaked',
    leakUrl: outcome.url,
  });
}
