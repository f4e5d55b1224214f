import { http, HttpResponse } from 'msw';
import { apiKeyRuleMessages, checkApiKeyRequest, nameProblem } from '../../contract/api-key-rules';
import { routes } from '../../contract/paths';
import {
  apiKeyListQuerySchema,
  apiKeyListSchema,
  apiKeyPageSize,
  createApiKeyRequestSchema,
  createApiKeyResponseSchema,
  type ApiKey,
} from '../../contract/tokens';
import { buildApiKey } from '../factories';
import { errorResponse, issueFields, unauthenticated } from './error-response';
import { mintSecret } from './mint-secret';
import { managesTokensOf, store, visibleApiKey } from './store';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Opaque to the app like the server's: the sort it belongs to and the last row's id. */
const encodeListCursor = (sort: string, id: string) => btoa(JSON.stringify([sort, id]));

function decodeListCursor(cursor: string): [string, string] | [] {
  try {
    const value: unknown = JSON.parse(atob(cursor));
    if (!Array.isArray(value) || value.length !== 2) return [];
    const [sort, id] = value as unknown[];
    return typeof sort === 'string' && typeof id === 'string' ? [sort, id] : [];
  } catch {
    return [];
  }
}

/** The signed-in user's tokens: list, create, revoke. */
export const apiKeyHandlers = [
  // The owner's list in pages, as the server does it: filters, a (sort key, id) order, an opaque cursor
  // (400 when it is not ours or from another sort), the matching total and the expiring-soon banner.
  http.get(routes.apiKeys, ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const query = apiKeyListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return errorResponse(400, 'invalid_request_error', 'Unknown filter.');
    const { owner = store.user.id, status = 'all', environment, q, sort = 'createdAt', order = 'desc', limit = apiKeyPageSize.default, cursor } = query.data;
    if (!managesTokensOf(owner)) return errorResponse(404, 'not_found_error', 'Not found.');
    const mine = store.apiKeys.filter((key) => key.owner.id === owner);
    const sortKey = (key: ApiKey) => (sort === 'name' ? key.name.toLowerCase() : (key[sort] ?? ''));
    const sign = order === 'asc' ? 1 : -1;
    const matching = mine
      .filter((key) => status === 'all' || key.status === status)
      .filter((key) => !environment || key.environment === environment)
      .filter((key) => !q || key.name.toLowerCase().includes(q.toLowerCase()))
      .toSorted((a, b) => sign * (compare(sortKey(a), sortKey(b)) || compare(a.id, b.id)));
    let start = 0;
    if (cursor !== undefined) {
      const [cursorSort, afterId] = decodeListCursor(cursor);
      start = matching.findIndex((key) => key.id === afterId) + 1;
      if (cursorSort !== `${sort}:${order}` || start === 0) {
        return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', {
          cursor: 'Not a cursor from this list. Start again from the first page.',
        });
      }
    }
    const data = matching.slice(start, start + limit);
    const last = data.at(-1);
    const weekFromNow = Date.now() + 7 * 86_400_000;
    const expiring = mine
      .filter((key) => key.status === 'active' && Date.parse(key.expiresAt) > Date.now() && Date.parse(key.expiresAt) <= weekFromNow)
      .toSorted((a, b) => compare(a.expiresAt, b.expiresAt) || compare(a.id, b.id));
    return HttpResponse.json(
      apiKeyListSchema.parse({
        data,
        nextCursor: last && start + limit < matching.length ? encodeListCursor(`${sort}:${order}`, last.id) : null,
        total: matching.length,
        expiringSoon: { count: expiring.length, data: expiring.slice(0, 5) },
      }),
    );
  }),

  // Create: the contract's rules (the server's, with their messages), then the store's own (name, count).
  http.post(routes.apiKeys, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const body = createApiKeyRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    const ownerId = body.data.ownerId ?? store.user.id;
    if (!managesTokensOf(ownerId)) return errorResponse(404, 'not_found_error', 'Not found.');
    const account = store.serviceAccounts.find((a) => a.id === ownerId);
    const owner = account ? { id: account.id, username: account.name, kind: 'service_account' as const } : { id: store.user.id, username: store.user.username };
    const policy = store.policy;
    const now = new Date();
    const rules = checkApiKeyRequest(body.data, policy, now);
    if (!rules.ok) return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', rules.fields);
    const mine = store.apiKeys.filter((key) => key.owner.id === ownerId);
    const nameMessage = nameProblem(body.data.name, mine);
    if (nameMessage) return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', { name: nameMessage });
    const activeCount = mine.filter((key) => key.status === 'active').length;
    if (policy.maxActiveTokensPerUser !== null && activeCount >= policy.maxActiveTokensPerUser) {
      return errorResponse(422, 'invalid_request_error', apiKeyRuleMessages.tooManyActive(policy.maxActiveTokensPerUser));
    }
    const { environment, scopes, expiresAt, description } = rules.value;
    const { secret, hint } = mintSecret(policy.tokenPrefix, environment.tag);
    const apiKey = buildApiKey({
      name: body.data.name,
      description,
      environment: environment.id,
      scopes,
      hint,
      status: 'active',
      createdAt: now.toISOString(),
      lastUsedAt: null,
      expiresAt: expiresAt.toISOString(),
      owner,
    });
    store.apiKeys.push(apiKey);
    return HttpResponse.json(createApiKeyResponseSchema.parse({ apiKey, secret }), { status: 201 });
  }),

  // Revoke: only my own tokens; someone else's or an unknown id is a 404, as on the server.
  http.delete(routes.apiKey, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    // As on the server: an admin may revoke anyone's token.
    const key = visibleApiKey(params.id);
    if (!key) return errorResponse(404, 'not_found_error', 'No token with that id.');
    if (key.status === 'active') {
      Object.assign(key, { status: 'revoked', revokedAt: new Date().toISOString(), revokedBy: { id: store.user.id, username: store.user.username } } satisfies Partial<ApiKey>);
    }
    return new HttpResponse(null, { status: 204 });
  }),
];
