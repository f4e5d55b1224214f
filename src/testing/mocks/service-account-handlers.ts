import { http, HttpResponse } from 'msw';
import { recentUseDays } from '../../contract/members';
import { routes } from '../../contract/paths';
import { serviceAccountDeactivationPreviewSchema } from '../../contract/service-account-deactivation';
import {
  createServiceAccountRequestSchema,
  isServiceAccountActive,
  managesServiceAccount,
  serviceAccountListSchema,
  serviceAccountMessages,
  serviceAccountSchema,
  updateServiceAccountRequestSchema,
  type ServiceAccount,
} from '../../contract/service-accounts';
import { errorResponse, issueFields, unauthenticated } from './error-response';
import { store } from './store';

const notFound = () => errorResponse(404, 'not_found_error', 'Not found.');
const adminsOnly = () => errorResponse(403, 'permission_error', 'Only workspace admins can create and change service accounts.');

/** The signed-in user and the store's people: who may be named a manager. */
const people = () => [{ id: store.user.id, username: store.user.username, status: 'active' }, ...store.people];

/** Managers by id, as the server checks them: people who are not deactivated, else null. */
function managersOf(ids: readonly string[]): ServiceAccount['managers'] | null {
  const found = ids.map((id) => people().find((person) => person.id === id && person.status !== 'deactivated'));
  if (found.some((person) => !person)) return null;
  return found.map((person) => ({ id: person!.id, username: person!.username, active: true }));
}

const liveTokensOf = (ownerId: string) => store.apiKeys.filter((key) => key.owner.id === ownerId && key.status === 'active');

const nameTaken = (name: string, exceptId?: string) =>
  [...people().map((p) => ({ id: p.id, name: p.username })), ...store.serviceAccounts].some(
    (other) => other.id !== exceptId && other.name.toLowerCase() === name.toLowerCase(),
  );

/** Service accounts: admins see and change all, managers read theirs. */
export const serviceAccountHandlers = [
  http.get(routes.serviceAccounts, ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const deactivated = new URL(request.url).searchParams.get('status') === 'deactivated';
    const data = store.serviceAccounts.filter((account) => managesServiceAccount(store.user, account) && isServiceAccountActive(account) !== deactivated);
    return HttpResponse.json(serviceAccountListSchema.parse({ data: data.toSorted((a, b) => a.name.localeCompare(b.name)) }));
  }),

  http.get(routes.serviceAccount, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    const account = store.serviceAccounts.find((a) => a.id === params.id && managesServiceAccount(store.user, a));
    return account ? HttpResponse.json(serviceAccountSchema.parse(account)) : notFound();
  }),

  // Its live tokens from the store's tokens, most recently used first.
  http.get(routes.serviceAccountDeactivation, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return adminsOnly();
    const account = store.serviceAccounts.find((a) => a.id === params.id);
    if (!account) return notFound();
    const tokens = liveTokensOf(account.id)
      .toSorted((a, b) => (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? ''))
      .map(({ id, name, environment, hint, expiresAt, lastUsedAt, lastUsedIp, lastUsedUserAgent }) => ({ id, name, environment, hint, expiresAt, lastUsedAt, lastUsedIp, lastUsedUserAgent }));
    const recentSince = Date.now() - recentUseDays * 86_400_000;
    const recentlyUsed = tokens.filter((token) => token.lastUsedAt !== null && Date.parse(token.lastUsedAt) >= recentSince).length;
    return HttpResponse.json(serviceAccountDeactivationPreviewSchema.parse({ serviceAccount: account, tokens, recentlyUsed }));
  }),

  http.post(routes.serviceAccounts, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return adminsOnly();
    const body = createServiceAccountRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    if (nameTaken(body.data.name)) return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', { name: serviceAccountMessages.nameTaken(body.data.name) });
    const managers = managersOf(body.data.managerIds ?? []);
    if (!managers) return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', { managerIds: serviceAccountMessages.notAPerson });
    const account = serviceAccountSchema.parse({
      id: `svc_${store.serviceAccounts.length + 1}`,
      name: body.data.name,
      description: body.data.description || null,
      managers,
      permissions: body.data.permissions ?? [],
      createdAt: new Date().toISOString(),
      createdBy: { id: store.user.id, username: store.user.username },
      liveTokens: 0,
    });
    store.serviceAccounts.push(account);
    return HttpResponse.json(account, { status: 201 });
  }),

  http.patch(routes.serviceAccount, async ({ params, request }) => {
    if (!store.signedIn) return unauthenticated();
    if (store.user.role !== 'admin') return adminsOnly();
    const account = store.serviceAccounts.find((a) => a.id === params.id);
    if (!account) return notFound();
    const body = updateServiceAccountRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    const { name, description, managerIds, permissions, status } = body.data;
    if (name !== undefined && nameTaken(name, account.id)) {
      return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', { name: serviceAccountMessages.nameTaken(name) });
    }
    const managers = managerIds === undefined ? account.managers : managersOf(managerIds);
    if (!managers) return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', { managerIds: serviceAccountMessages.notAPerson });
    Object.assign(account, {
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description: description || null }),
      ...(permissions === undefined ? {} : { permissions }),
      managers,
    });
    if (status !== undefined && status !== (account.status ?? 'active')) {
      const deactivating = status === 'deactivated';
      Object.assign(account, {
        status,
        deactivated: deactivating ? { at: new Date().toISOString(), by: { id: store.user.id, username: store.user.username } } : null,
        ...(deactivating ? { liveTokens: 0 } : {}),
      });
      if (deactivating) {
        const revokedBy = { id: store.user.id, username: store.user.username };
        for (const key of liveTokensOf(account.id)) Object.assign(key, { status: 'revoked', revokedAt: new Date().toISOString(), revokedBy, revokedReason: 'owner_deactivated' });
      }
    }
    return HttpResponse.json(serviceAccountSchema.parse(account));
  }),
];
