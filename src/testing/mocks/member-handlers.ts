import { http, HttpResponse } from 'msw';
import {
  addMemberRequestSchema,
  inviteLifetimeDays,
  inviteResponseSchema,
  memberDetailSchema,
  memberListSchema,
  memberMessages,
  recentUseDays,
  removesLastAdmin,
  offboardingPreviewSchema,
  acceptInviteRequestSchema,
  inviteInfoSchema,
  updateMemberRequestSchema,
  type Member,
} from '../../contract/members';
import { routes } from '../../contract/paths';
import { signInResponseSchema } from '../../contract/users';
import { buildMember } from '../factories';
import { errorResponse, issueFields, unauthenticated } from './error-response';
import { store } from './store';

const manage = () => errorResponse(403, 'permission_error', 'Only workspace admins can manage people.');
const notFound = () => errorResponse(404, 'not_found_error', 'Not found.');

/** The signed-in user as a member row, then everyone else the test put in `store.people`. */
const everyone = (): Member[] => {
  const me = store.people.find((person) => person.id === store.user.id) ?? buildMember({ ...store.user });
  return [me, ...store.people.filter((person) => person.id !== me.id)];
};
const visible = () => (store.user.role === 'admin' ? everyone() : everyone().filter((person) => person.id === store.user.id));

const linkFor = (member: Member, purpose: 'invite' | 'password_reset') =>
  inviteResponseSchema.parse({
    user: member,
    inviteUrl: `${location.origin}/invite/${mockInviteCode}`,
    purpose,
    expiresAt: new Date(Date.now() + inviteLifetimeDays * 86_400_000).toISOString(),
  });

/** The one invite code the mocks know: it opens a link for the store's user. */
export const mockInviteCode = 'x'.repeat(43);

/** People: the list (filters applied, one page), add with a link, role and status, the offboarding preview. */
export const memberHandlers = [
  http.get(routes.users, ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const params = new URL(request.url).searchParams;
    const q = params.get('q')?.toLowerCase();
    const rows = visible()
      .filter((m) => (!q || m.username.toLowerCase().includes(q)) && (!params.get('role') || m.role === params.get('role')) && (!params.get('status') || m.status === params.get('status')))
      .sort((a, b) => a.username.localeCompare(b.username));
    return HttpResponse.json(memberListSchema.parse({ members: rows, total: rows.length, nextCursor: null }));
  }),

  http.get(routes.user, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    const member = visible().find((m) => m.id === params.id);
    return member ? HttpResponse.json(memberDetailSchema.parse({ user: member, events: [] })) : notFound();
  }),

  http.post(routes.users, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return manage();
    const body = addMemberRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    if (everyone().some((m) => m.username.toLowerCase() === body.data.username.toLowerCase())) {
      return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', { username: memberMessages.usernameTaken(body.data.username) });
    }
    const member = buildMember({ username: body.data.username, role: body.data.role, status: 'invited', lastSignInAt: null, createdAt: new Date().toISOString() });
    store.people.push(member);
    return HttpResponse.json(linkFor(member, 'invite'), { status: 201 });
  }),

  http.post(routes.userInvite, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return manage();
    const member = everyone().find((m) => m.id === params.id);
    if (!member) return notFound();
    return HttpResponse.json(linkFor(member, member.status === 'invited' ? 'invite' : 'password_reset'));
  }),

  http.get(routes.userOffboarding, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return manage();
    const member = everyone().find((m) => m.id === params.id);
    if (!member) return notFound();
    const tokens = store.apiKeys
      .filter((key) => key.owner.id === member.id && key.status === 'active')
      .map(({ id, name, environment, hint, expiresAt, lastUsedAt, lastUsedIp, lastUsedUserAgent }) => ({ id, name, environment, hint, expiresAt, lastUsedAt, lastUsedIp, lastUsedUserAgent }));
    const recentlyUsed = tokens.filter((token) => token.lastUsedAt && Date.now() - Date.parse(token.lastUsedAt) < recentUseDays * 86_400_000).length;
    return HttpResponse.json(offboardingPreviewSchema.parse({ user: member, tokens, recentlyUsed, sessions: 1 }));
  }),

  http.get(routes.invite, ({ params }) => {
    if (params.code !== mockInviteCode) return errorResponse(404, 'not_found_error', memberMessages.linkNotValid);
    return HttpResponse.json(inviteInfoSchema.parse({ username: store.user.username, purpose: 'invite', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }));
  }),

  http.post(routes.inviteAccept, async ({ params, request }) => {
    const body = acceptInviteRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    if (params.code !== mockInviteCode) return errorResponse(404, 'not_found_error', memberMessages.linkNotValid);
    store.signedIn = true;
    return HttpResponse.json(signInResponseSchema.parse({ user: store.user }));
  }),

  http.patch(routes.user, async ({ params, request }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return manage();
    const body = updateMemberRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    const member = everyone().find((m) => m.id === params.id);
    if (!member) return notFound();
    const activeAdmins = everyone().filter((m) => m.role === 'admin' && m.status === 'active').length;
    if (removesLastAdmin(member, body.data, activeAdmins)) return errorResponse(409, 'invalid_request_error', memberMessages.lastAdmin);
    const changed = { ...member, ...body.data, ...(body.data.status === 'deactivated' ? { liveTokens: 0 } : {}) };
    store.people = [...store.people.filter((m) => m.id !== member.id), changed];
    return HttpResponse.json(memberDetailSchema.parse({ user: changed, events: [] }));
  }),
];
