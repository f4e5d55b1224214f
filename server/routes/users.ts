import { randomBytes } from 'node:crypto';
import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import {
  addMemberRequestSchema,
  inviteLifetimeDays,
  memberListQuerySchema,
  memberMessages,
  recentUseDays,
  updateMemberRequestSchema,
  type InvitePurpose,
  type InviteResponse,
  type Member,
  type MemberDetail,
  type MemberList,
  type OffboardingPreview,
} from '../../src/contract/members';
import type { AppDeps, AppEnv } from '../context';
import {
  changeMember,
  countSessions,
  decodeMemberCursor,
  findMember,
  insertInvitedUser,
  listLiveTokens,
  listMemberEvents,
  listMembers,
  recordMemberEvent,
  storeInvite,
} from '../db/members';
import { ApiError, invalidFields, notFound, rejectInvalid } from '../errors';
import { requireAdminTo, requireSession } from '../middleware/auth';

const dayMs = 24 * 60 * 60 * 1000;

/** Only admins manage people; everyone else reads themselves and nobody else. */
const requireAdmin = requireAdminTo('manage people');

/** 43 characters of base64url (256 bits): unguessable, and stored only as its SHA-256. */
const newInviteCode = () => randomBytes(32).toString('base64url');

export const userRoutes = (deps: AppDeps) => {
  /** Stores a new link for the person (replacing the old one) and answers it: the only time it is shown. */
  async function issueLink(c: Context<AppEnv>, member: Member, purpose: InvitePurpose, status: 200 | 201) {
    const now = deps.clock.now();
    const code = newInviteCode();
    const expiresAt = new Date(now.getTime() + inviteLifetimeDays * dayMs);
    const actor = c.get('caller').user;
    await storeInvite(deps.db, { userId: member.id, code, purpose, createdBy: actor.id, now, expiresAt });
    await recordMemberEvent(deps.db, { userId: member.id, type: purpose === 'invite' ? 'invited' : 'password_reset_issued', actorId: actor.id, at: now });
    const inviteUrl = new URL(`/invite/${code}`, deps.publicUrl ?? new URL(c.req.url).origin).toString();
    return c.json({ user: member, inviteUrl, purpose, expiresAt: expiresAt.toISOString() } satisfies InviteResponse, status);
  }

  return (
    new Hono<AppEnv>()
      // A session, not a token: a leaked token must never be able to add an admin or offboard someone.
      .use(requireSession(deps))
      .get('/', zValidator('query', memberListQuerySchema, rejectInvalid), async (c) => {
        const query = c.req.valid('query');
        const cursor = query.cursor === undefined ? null : decodeMemberCursor(query.cursor);
        if (query.cursor !== undefined && !cursor) throw invalidFields(400, { cursor: 'Not a cursor from this list. Start again from the first page.' });
        const caller = c.get('caller').user;
        const onlyId = caller.role === 'admin' ? null : caller.id;
        const page = await listMembers(deps.db, query, cursor, deps.clock.now(), onlyId);
        return c.json(page satisfies MemberList, 200);
      })
      .get('/:id', async (c) => {
        const caller = c.get('caller').user;
        const id = c.req.param('id');
        // Another person's id answers as if it did not exist: nothing to learn by probing.
        if (caller.role !== 'admin' && id !== caller.id) throw notFound();
        const member = await findMember(deps.db, id, deps.clock.now());
        if (!member) throw notFound();
        return c.json({ user: member, events: await listMemberEvents(deps.db, id) } satisfies MemberDetail, 200);
      })
      .post('/', requireAdmin, zValidator('json', addMemberRequestSchema, rejectInvalid), async (c) => {
        const { username, role } = c.req.valid('json');
        const now = deps.clock.now();
        const user = await insertInvitedUser(deps.db, { username, role, now });
        if (!user) throw invalidFields(422, { username: memberMessages.usernameTaken(username) });
        await recordMemberEvent(deps.db, { userId: user.id, type: 'added', actorId: c.get('caller').user.id, at: now, detail: role });
        const member = await findMember(deps.db, user.id, now);
        if (!member) throw notFound();
        deps.logger.info('Person added', { by: c.get('caller').user.id, user: user.id, role });
        return issueLink(c, member, 'invite', 201);
      })
      // A new link: a fresh invite for someone who has not joined yet, a password reset for an active person.
      .post('/:id/invite', requireAdmin, async (c) => {
        const member = await findMember(deps.db, c.req.param('id'), deps.clock.now());
        if (!member) throw notFound();
        if (member.status === 'deactivated') {
          throw new ApiError(409, 'invalid_request_error', `${member.username} is deactivated. Reactivate them first, then send a password reset.`);
        }
        return issueLink(c, member, member.status === 'invited' ? 'invite' : 'password_reset', 200);
      })
      .get('/:id/offboarding', requireAdmin, async (c) => {
        const now = deps.clock.now();
        const member = await findMember(deps.db, c.req.param('id'), now);
        if (!member) throw notFound();
        const tokens = await listLiveTokens(deps.db, member.id, now);
        const recentSince = now.getTime() - recentUseDays * dayMs;
        const recentlyUsed = tokens.filter((token) => token.lastUsedAt !== null && Date.parse(token.lastUsedAt) >= recentSince).length;
        const sessions = await countSessions(deps.db, member.id, now);
        return c.json({ user: member, tokens, recentlyUsed, sessions } satisfies OffboardingPreview, 200);
      })
      .patch('/:id', requireAdmin, zValidator('json', updateMemberRequestSchema, rejectInvalid), async (c) => {
        const change = c.req.valid('json');
        if (change.role === undefined && change.status === undefined) {
          throw invalidFields(422, { role: 'Send a role, a status or both.' }, 'Nothing to change.');
        }
        const id = c.req.param('id');
        const admin = c.get('caller').user;
        const now = deps.clock.now();
        const result = await changeMember(deps.db, id, change, admin.id, now);
        if (!result.ok && result.reason === 'not_found') throw notFound();
        if (!result.ok && result.reason === 'last_admin') {
          throw new ApiError(409, 'invalid_request_error', memberMessages.lastAdmin);
        }
        if (!result.ok) {
          throw new ApiError(409, 'invalid_request_error', memberMessages.notJoinedYet);
        }
        if (change.status === 'deactivated') deps.logger.info('Person deactivated', { by: admin.id, user: id, revokedTokens: result.revokedTokens });
        const member = await findMember(deps.db, id, now);
        if (!member) throw notFound();
        return c.json({ user: member, events: await listMemberEvents(deps.db, id) } satisfies MemberDetail, 200);
      })
  );
};
