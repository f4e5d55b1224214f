import { randomUUID } from 'node:crypto';
import type { DeviceRequest } from '../../src/contract/device';
import { nameKey } from '../../src/contract/api-key-rules';
import { deviceTokenName, formatUserCode } from '../../src/contract/device';
import type { ApiKey } from '../../src/contract/tokens';
import { findApiKey, insertApiKeyWithin, isNameTaken, type InsertApiKeyResult, type NewApiKey } from './api-keys';
import type { Database, Queryable } from './database';

type DeviceRow = {
  id: string;
  client_name: string;
  hostname: string;
  environment: string | null;
  scopes: string[];
  expires_in_days: number | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  expires_at: Date;
  interval_seconds: number;
  last_polled_at: Date | null;
  status: 'pending' | 'approved' | 'denied' | 'spent';
  decided_by: string | null;
  api_key_id: string | null;
};

export type NewDeviceAuthorization = {
  deviceCodeHash: Buffer;
  userCodeHash: Buffer;
  clientName: string;
  hostname: string;
  environment: string | null;
  scopes: string[];
  expiresInDays: number | null;
  ip: string | null;
  userAgent: string | null;
  intervalSeconds: number;
  expiresAt: Date;
};

/** False when either digest is taken already (a user code collision): the caller draws new codes. */
export async function insertDeviceAuthorization(db: Queryable, input: NewDeviceAuthorization, now: Date): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO device_authorizations (id, device_code_hash, user_code_hash, client_name, hostname, environment, scopes,
                                        expires_in_days, ip, user_agent, created_at, expires_at, interval_seconds)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT DO NOTHING RETURNING id`,
    [randomUUID(), input.deviceCodeHash, input.userCodeHash, input.clientName, input.hostname, input.environment, input.scopes,
      input.expiresInDays, input.ip, input.userAgent, now, input.expiresAt, input.intervalSeconds],
  );
  return rows.length === 1;
}

/**
 * Requests that ended (expired, or decided and long collected) a day before `now` are of no use to
 * anyone: dropped whenever a new one starts, so the table stays as small as the logins in flight.
 */
export async function forgetOldDeviceAuthorizations(db: Queryable, now: Date): Promise<void> {
  await db.query(`DELETE FROM device_authorizations WHERE expires_at < $1::timestamptz - interval '1 day'`, [now]);
}

const toDeviceRequest = (row: DeviceRow, userCode: string): DeviceRequest => ({
  id: row.id,
  userCode: formatUserCode(userCode),
  clientName: row.client_name,
  hostname: row.hostname,
  ip: row.ip,
  userAgent: row.user_agent,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
  environment: row.environment,
  scopes: row.scopes,
  expiresInDays: row.expires_in_days,
  tokenName: deviceTokenName(row.hostname),
});

/** The request a user code belongs to while it waits for a decision; null when unknown, decided or expired. */
export async function findPendingDeviceRequest(db: Queryable, userCodeHash: Buffer, userCode: string, now: Date): Promise<DeviceRequest | null> {
  const [row] = await db.query<DeviceRow>(
    `SELECT * FROM device_authorizations WHERE user_code_hash = $1 AND status = 'pending' AND expires_at > $2`,
    [userCodeHash, now],
  );
  return row ? toDeviceRequest(row, userCode) : null;
}

// Matches only the one pending request the person looked at: its id and its code, still in time.
const claimPending = `UPDATE device_authorizations SET status = $4, decided_by = $5, decided_at = $3
  WHERE id = $1 AND user_code_hash = $2 AND status = 'pending' AND expires_at > $3
  RETURNING *`;

/** Refuses a pending request; false when there is none with this id and code (decided, expired, wrong code). */
export async function denyDeviceRequest(db: Queryable, id: string, userCodeHash: Buffer, userId: string, now: Date): Promise<boolean> {
  return (await db.query(claimPending, [id, userCodeHash, now, 'denied', userId])).length === 1;
}

export type ApproveResult = InsertApiKeyResult | { ok: false; reason: 'not_found' };

class RollBack extends Error {
  constructor(readonly result: ApproveResult) {
    super('roll back');
  }
}

/**
 * Approves one pending request and mints its token in one transaction: either both happen or
 * neither (a name taken or a full token allowance leaves the request pending, to try again).
 * The token is minted with `apiKey.digest`, a digest of a secret nobody keeps: the machine's real
 * secret is made when it collects the token (`redeemDeviceCode`), so no secret waits in the database.
 */
export async function approveDeviceRequest(
  db: Database,
  request: { id: string; userCodeHash: Buffer; userId: string },
  apiKey: Omit<NewApiKey, 'name' | 'createdVia'>,
  now: Date,
  maxActiveTokens: number | null,
): Promise<ApproveResult> {
  try {
    return await db.transaction(async (tx) => {
      const [claimed] = await tx.query<DeviceRow>(claimPending, [request.id, request.userCodeHash, now, 'approved', request.userId]);
      if (!claimed) return { ok: false, reason: 'not_found' } as const;
      const name = await freeName(tx, apiKey.ownerId, deviceTokenName(claimed.hostname), now);
      const result = await insertApiKeyWithin(
        tx,
        { ...apiKey, name, createdVia: { via: 'device_login', ip: claimed.ip } },
        now,
        maxActiveTokens,
      );
      if (!result.ok) throw new RollBack(result);
      await tx.query('UPDATE device_authorizations SET api_key_id = $2 WHERE id = $1', [claimed.id, result.apiKey.id]);
      return result;
    });
  } catch (error) {
    if (error instanceof RollBack) return error.result;
    if (isNameTaken(error)) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

/**
 * Signing in again from the same machine must not fail on the name: "CLI on build-01", then
 * "CLI on build-01 (2)" and so on, the first name none of the owner's live tokens has.
 */
async function freeName(tx: Queryable, ownerId: string, base: string, now: Date): Promise<string> {
  const rows = await tx.query<{ active_name: string }>(
    `SELECT active_name FROM api_keys WHERE owner_id = $1 AND active_name IS NOT NULL AND expires_at > $2`,
    [ownerId, now],
  );
  const taken = new Set(rows.map((row) => row.active_name));
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = `${base.slice(0, 100 - suffix.length)}${suffix}`;
    if (!taken.has(nameKey(name))) return name;
  }
}

export type PollResult =
  | { state: 'unknown' | 'spent' | 'denied' | 'expired' | 'pending' }
  | { state: 'slow_down'; intervalSeconds: number }
  | { state: 'approved'; apiKey: ApiKey };

/**
 * One poll of the token endpoint. Polling sooner than the interval allows answers `slow_down` and
 * lengthens the interval by `slowDownSeconds`. An approved code hands its token over once: the
 * token's digest becomes that of the secret `mint` makes for its environment, and the code is
 * spent, in one transaction.
 */
export async function redeemDeviceCode(
  db: Database,
  deviceCodeHash: Buffer,
  mint: (environment: string) => { digest: Buffer; hint: string },
  now: Date,
  slowDownSeconds: number,
): Promise<PollResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<DeviceRow>('SELECT * FROM device_authorizations WHERE device_code_hash = $1 FOR UPDATE', [deviceCodeHash]);
    if (!row) return { state: 'unknown' };
    if (row.status === 'spent') return { state: 'spent' };
    if (row.status === 'denied') return { state: 'denied' };
    if (row.status === 'pending' && row.expires_at.getTime() <= now.getTime()) return { state: 'expired' };
    const tooSoon = row.last_polled_at !== null && now.getTime() - row.last_polled_at.getTime() < row.interval_seconds * 1000;
    if (tooSoon) {
      const intervalSeconds = row.interval_seconds + slowDownSeconds;
      await tx.query('UPDATE device_authorizations SET interval_seconds = $2, last_polled_at = $3 WHERE id = $1', [row.id, intervalSeconds, now]);
      return { state: 'slow_down', intervalSeconds };
    }
    if (row.status === 'pending' || !row.api_key_id) {
      await tx.query('UPDATE device_authorizations SET last_polled_at = $2 WHERE id = $1', [row.id, now]);
      return { state: 'pending' };
    }
    await tx.query(`UPDATE device_authorizations SET status = 'spent', last_polled_at = $2 WHERE id = $1`, [row.id, now]);
    // A token revoked (or expired) between approval and collection stays dead: the machine is told no.
    const current = await findApiKey(tx, row.api_key_id, null, now);
    if (!current || current.status !== 'active') return { state: 'denied' };
    const secret = mint(current.environment);
    await tx.query('UPDATE api_keys SET digest = $2, hint = $3 WHERE id = $1', [current.id, secret.digest, secret.hint]);
    return { state: 'approved', apiKey: { ...current, hint: secret.hint } };
  });
}

/** Whether a token was minted by a device login (the CLI's sign-in on a person's machine), as its created event says. */
export async function isDeviceLoginToken(db: Queryable, apiKeyId: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM api_key_events WHERE api_key_id = $1 AND type = 'created' AND via = 'device_login'`, [apiKeyId]);
  return rows.length > 0;
}
