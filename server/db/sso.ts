import { removesLastAdmin, type UserStatus } from '../../src/contract/members';
import type { Role, User } from '../../src/contract/users';
import { randomUUID } from 'node:crypto';
import { usernameSchema } from '../../src/contract/users';
import type { Database, Queryable } from './database';
import { recordMemberEvent } from './members';

/** A sign-in sent to the provider: what its return must match. Digests only for the state and the browser binding. */
export type PendingSsoSignIn = {
  stateHash: Buffer;
  browserHash: Buffer;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  createdAt: Date;
  expiresAt: Date;
};

/** Stores a sign-in under way; expired ones nobody came back for go on the way. */
export async function storePendingSsoSignIn(db: Queryable, pending: PendingSsoSignIn): Promise<void> {
  await db.query('DELETE FROM sso_states WHERE expires_at <= $1', [pending.createdAt]);
  await db.query(
    `INSERT INTO sso_states (state_hash, browser_hash, nonce, code_verifier, return_to, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [pending.stateHash, pending.browserHash, pending.nonce, pending.codeVerifier, pending.returnTo, pending.createdAt, pending.expiresAt],
  );
}

/** Takes the sign-in a state belongs to, whatever comes next: a state works once. Null when unknown, used or expired. */
export async function takePendingSsoSignIn(db: Queryable, stateHash: Buffer, now: Date): Promise<PendingSsoSignIn | null> {
  const [row] = await db.query<{
    state_hash: Buffer;
    browser_hash: Buffer;
    nonce: string;
    code_verifier: string;
    return_to: string;
    created_at: Date;
    expires_at: Date;
  }>('DELETE FROM sso_states WHERE state_hash = $1 RETURNING *', [stateHash]);
  if (!row || row.expires_at <= now) return null;
  return {
    stateHash: Buffer.from(row.state_hash),
    browserHash: Buffer.from(row.browser_hash),
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    returnTo: row.return_to,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export type SsoIdentity = { issuer: string; subject: string; username: string | null };

export type SsoSignInOptions = {
  /** `member` (default): someone nobody added becomes a member (or an admin, by their groups); `off`: they are refused. */
  autoCreate?: 'member' | 'off';
  /** The role the provider's groups give this person; null: their role stays as it is. */
  roleFromGroups?: Role | null;
};

export type SsoSignInResult =
  | { ok: true; user: User; joined: boolean }
  | { ok: false; reason: 'unknown_user' | 'deactivated' };

type CandidateRow = { id: string; username: string; role: Role; status: UserStatus; kind: string | null; linked_subject: string | null };

// `kind` is read through to_jsonb so this works with and without a users.kind column: whatever is
// not a person (a service account) never signs in.
const candidateColumns = `u.id, u.username, u.role, u.status, to_jsonb(u) ->> 'kind' AS kind`;
const isPerson = (row: CandidateRow) => row.kind === null || !row.kind.startsWith('service');

/**
 * The person a provider's account signs in as, in one transaction: the one already linked to it,
 * else — on the first sign-in — the active or invited person whose username the provider vouches
 * for, if no other account of this provider is linked to them; that link is made now. An invited
 * person becomes active (their invite link is spent) and that is recorded as their joining. With a
 * role from the provider's groups, the person's role follows it, recorded as done by nobody (single
 * sign-on) — except that the workspace's last active admin is never demoted by it.
 */
export async function signInWithIdentity(db: Database, identity: SsoIdentity, now: Date, { autoCreate = 'member', roleFromGroups = null }: SsoSignInOptions = {}): Promise<SsoSignInResult> {
  return db.transaction(async (tx) => {
    // Every active admin first, in the order changeMember takes them: a demotion here and one by an admin at once cannot leave nobody in charge.
    if (roleFromGroups === 'member') await tx.query("SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id FOR UPDATE");
    let [row] = await tx.query<CandidateRow>(
      `SELECT ${candidateColumns}, i.subject AS linked_subject FROM user_identities i JOIN users u ON u.id = i.user_id
       WHERE i.issuer = $1 AND i.subject = $2 FOR UPDATE OF u`,
      [identity.issuer, identity.subject],
    );
    if (!row && identity.username) {
      [row] = await tx.query<CandidateRow>(
        `SELECT ${candidateColumns}, i.subject AS linked_subject FROM users u
         LEFT JOIN user_identities i ON i.user_id = u.id AND i.issuer = $2
         WHERE lower(u.username) = lower($1) FOR UPDATE OF u`,
        [identity.username, identity.issuer],
      );
      // Another account of this provider already signs in as them: a reused username is not the same person.
      if (row && row.linked_subject !== null) return { ok: false, reason: 'unknown_user' } as const;
    }
    if (!row && autoCreate === 'member') {
      const created = await createMember(tx, identity, roleFromGroups ?? 'member', now);
      if (created) return { ok: true, user: created, joined: true } as const;
    }
    if (!row || !isPerson(row)) return { ok: false, reason: 'unknown_user' } as const;
    if (row.status === 'deactivated') return { ok: false, reason: 'deactivated' } as const;
    await tx.query(
      `INSERT INTO user_identities (issuer, subject, user_id, created_at, last_used_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (issuer, subject) DO UPDATE SET last_used_at = excluded.last_used_at`,
      [identity.issuer, identity.subject, row.id, now],
    );
    const joined = row.status === 'invited';
    if (joined) {
      await tx.query("UPDATE users SET status = 'active' WHERE id = $1", [row.id]);
      await tx.query("DELETE FROM user_invites WHERE user_id = $1 AND purpose = 'invite'", [row.id]);
      // The detail says how they joined: through the provider, not by choosing a password.
      await recordMemberEvent(tx, { userId: row.id, type: 'joined', actorId: null, at: now, detail: 'sso' });
    }
    let role = row.role;
    if (roleFromGroups !== null && roleFromGroups !== row.role) {
      const [admins] = await tx.query<{ count: number }>("SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND status = 'active'");
      if (!removesLastAdmin(row, { role: roleFromGroups }, admins?.count ?? 0)) {
        role = roleFromGroups;
        await tx.query('UPDATE users SET role = $2 WHERE id = $1', [row.id, role]);
        // No actor: single sign-on did it, following the provider's groups.
        await recordMemberEvent(tx, { userId: row.id, type: 'role_changed', actorId: null, at: now, detail: role });
      }
    }
    return { ok: true, user: { id: row.id, username: row.username, role }, joined } as const;
  });
}

/**
 * A new active person (no password: they sign in through the provider), a member unless their groups make them
 * an admin, linked to the provider's
 * account and recorded as added. Null when the username is not one Keyline accepts or was just taken.
 */
async function createMember(tx: Queryable, identity: SsoIdentity, role: Role, now: Date): Promise<User | null> {
  const username = usernameSchema.safeParse(identity.username ?? '');
  if (!username.success) return null;
  const [user] = await tx.query<User>(
    `INSERT INTO users (id, username, password_hash, role, status, created_at, last_sign_in_at)
     VALUES ($1, $2, NULL, $4, 'active', $3, $3) ON CONFLICT DO NOTHING RETURNING id, username, role`,
    [randomUUID(), username.data, now, role],
  );
  if (!user) return null;
  await tx.query('INSERT INTO user_identities (issuer, subject, user_id, created_at, last_used_at) VALUES ($1, $2, $3, $4, $4)', [
    identity.issuer,
    identity.subject,
    user.id,
    now,
  ]);
  // Added by nobody (the provider vouched for them); the detail is the role, as for every 'added'.
  await recordMemberEvent(tx, { userId: user.id, type: 'added', actorId: null, at: now, detail: role });
  return user;
}
