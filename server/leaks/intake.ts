import { createHmac } from 'node:crypto';
import { parseSecret } from '../../src/contract/token-format';
import type { Database } from '../db/database';
import { endLeakedPreviousSecret, recordLeakReport, revokeLeakedToken } from '../db/leaks';
import { findTokenCredential } from '../tokens/credentials';
import { digestSecret, secretsMatch } from '../tokens/secrets';
import { announceLeak } from './announce-leak';

/** What became of one reported secret. */
export type LeakVerdict =
  /** One of our secrets, and this report stopped it. */
  | 'stopped'
  /** One of our secrets, already dead (revoked, expired, grace over), or a replay of a report already acted on. */
  | 'already_dead'
  /** Well-formed, but no token has it. */
  | 'unknown'
  /** Fails the offline format and checksum check: not a Keyline token. */
  | 'malformed';

type IntakeDeps = { db: Database; hmacSecret: Buffer; tokenPrefix: string };

export type LeakReport = {
  secret: string;
  /** Where it was found, when the reporter says (a scanner does). */
  url: string | null;
  /** Who reported it: `github:<source>` for a scanner, `report` for someone holding it. */
  source: string;
  /**
   * Keep (a digest of) the report, so a replay changes nothing: for a scanner, which retries and resends.
   * A report without a place needs none: stopping a secret twice changes nothing anyway.
   */
  remember: boolean;
};

/** Keyed like token digests, over the secret and where it was found, so a replayed report is recognised without keeping the secret. */
function reportDigest(report: LeakReport, hmacSecret: Buffer): Buffer {
  return createHmac('sha256', hmacSecret).update('leak-report\0').update(report.secret, 'utf8').update('\0').update(report.url ?? '', 'utf8').digest();
}

/**
 * Stops a reported secret at once: a token's current secret revokes the token (the replaced secret of
 * a rotate with it); a replaced secret still in its grace period ends that grace, and the token's
 * current secret — made after it and never at the reported place — keeps working. Each change is
 * announced (`announceLeak`) in the same transaction.
 *
 * Every input pays for a digest and a lookup, look-alikes included, so an answer's timing says no more
 * than its body: only a secret that is stopped now does more work, once.
 */
export async function stopLeakedSecret(deps: IntakeDeps, report: LeakReport, now: Date): Promise<LeakVerdict> {
  const wellFormed = parseSecret(report.secret, deps.tokenPrefix) !== null;
  const digest = digestSecret(report.secret, deps.hmacSecret);
  const credential = await findTokenCredential(deps.db, digest, now);
  if (!wellFormed) return 'malformed';
  if (!credential || !secretsMatch(credential.digest, digest)) return 'unknown';
  const live = credential.status === 'active' && (credential.matched === 'current' || credential.previousValid);
  return deps.db.transaction(async (tx) => {
    if (report.remember) {
      const fresh = await recordLeakReport(tx, { digest: reportDigest(report, deps.hmacSecret), apiKeyId: credential.apiKeyId, source: report.source, at: now });
      if (!fresh) return 'already_dead';
    }
    if (!live) return 'already_dead';
    const effect = credential.matched === 'current' ? 'revoked' : 'grace_ended';
    const stopped =
      effect === 'revoked' ? await revokeLeakedToken(tx, credential.apiKeyId, now) : await endLeakedPreviousSecret(tx, credential.apiKeyId, now);
    if (!stopped) return 'already_dead';
    await announceLeak(tx, { apiKeyId: credential.apiKeyId, effect, url: report.url || null, at: now });
    return 'stopped';
  });
}
