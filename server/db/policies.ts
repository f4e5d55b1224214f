import type { Queryable } from './database';

/** The stored, editable part of the token policy; null when an admin never changed it. */
export async function readStoredPolicy(db: Queryable): Promise<unknown> {
  const [row] = await db.query<{ policy: unknown }>('SELECT policy FROM token_policies WHERE id');
  return row?.policy ?? null;
}

/** Replaces the stored policy (a single row), recording who changed it and when. */
export async function saveStoredPolicy(db: Queryable, policy: unknown, updatedBy: string, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO token_policies (id, policy, updated_at, updated_by) VALUES (true, $1::jsonb, $2, $3)
     ON CONFLICT (id) DO UPDATE SET policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [JSON.stringify(policy), now, updatedBy],
  );
}

/**
 * Which of these environment ids some token (of any status) was made for: their id and tag are then
 * part of existing tokens and their secrets, so the editor locks them. Stops at the first token of each.
 */
export async function environmentsInUse(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT e.id FROM unnest($1::text[]) WITH ORDINALITY AS e(id, n)
     WHERE EXISTS (SELECT 1 FROM api_keys k WHERE k.environment = e.id)
     ORDER BY e.n`,
    [ids],
  );
  return rows.map((row) => row.id);
}
