import { insertApiKeyEvent } from '../db/api-key-events';
import type { Queryable } from '../db/database';
import { recordLeakedEvent } from '../db/leaks';

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
 * Tells everyone who must hear that a token leaked, inside the report's transaction: the token's
 * timeline, and the `token.leaked` event that webhooks (and the owner's email) are sent from. The
 * `token.revoked` event, with `leaked` as its cause, comes from the revocation itself.
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
  await recordLeakedEvent(tx, { apiKeyId: outcome.apiKeyId, url: outcome.url, effect: outcome.effect, at: outcome.at });
}
