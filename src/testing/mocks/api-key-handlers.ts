import { http, HttpResponse } from 'msw';
import { routes } from '../../contract/paths';
import { defaultPolicy, withImpliedScopes } from '../../contract/policy';
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
import { ownApiKey, store } from './store';

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
    const { status = 'all', environment, q, sort = 'createdAt', order = 'desc', limit = apiKeyPageSize.default, cursor } = query.data;
    const mine = store.apiKeys.filter((key) => key.owner.id === store.user.id);
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

  // Create: the same checks and field messages as the server; the store keeps only the ApiKey.
  http.post(routes.apiKeys, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const body = createApiKeyRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    const input = body.data;
    const policy = defaultPolicy;
    const now = Date.now();
    const fields: Record<string, string> = {};
    const environment = policy.environments.find((env) => env.id === input.environment);
    if (!environment) fields.environment = `Choose one of: ${policy.environments.map((env) => env.id).join(', ')}.`;
    const allowed = environment ? policy.allowedScopesByEnvironment[environment.id] : undefined;
    const unknownScope = input.scopes.find((scope) => !policy.scopes.some((known) => known.id === scope));
    const refusedScope = input.scopes.find((scope) => allowed && !allowed.includes(scope));
    if (unknownScope) fields.scopes = `Unknown scope “${unknownScope}”.`;
    else if (refusedScope) fields.scopes = `“${refusedScope}” is not allowed for ${environment?.label ?? input.environment} tokens.`;
    const latest = now + policy.maxLifetimeDays * 86_400_000;
    const expiresAt = input.expiresAt ? Date.parse(input.expiresAt) : now + (input.expiresInDays ?? policy.defaultLifetimeDays) * 86_400_000;
    const tooLong = `Tokens may live at most ${policy.maxLifetimeDays} days.`;
    if (input.expiresInDays !== undefined && input.expiresInDays > policy.maxLifetimeDays) fields.expiresInDays = tooLong;
    if (input.expiresAt !== undefined && expiresAt <= now) fields.expiresAt = 'The expiry date must be in the future.';
    else if (input.expiresAt !== undefined && expiresAt > latest) fields.expiresAt = tooLong;
    if (Object.keys(fields).length > 0 || !environment) {
      return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', fields);
    }
    const taken = store.apiKeys.some((key) => key.status === 'active' && key.name.toLowerCase() === input.name.toLowerCase());
    if (taken) {
      return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', {
        name: `You already have an active token named “${input.name}”.`,
      });
    }
    const { secret, hint } = mintSecret(policy.tokenPrefix, environment.tag);
    const apiKey = buildApiKey({
      name: input.name,
      description: input.description ? input.description : null,
      environment: environment.id,
      scopes: withImpliedScopes(input.scopes, policy.scopes),
      hint,
      status: 'active',
      createdAt: new Date(now).toISOString(),
      lastUsedAt: null,
      expiresAt: new Date(expiresAt).toISOString(),
    });
    store.apiKeys.push(apiKey);
    return HttpResponse.json(createApiKeyResponseSchema.parse({ apiKey, secret }), { status: 201 });
  }),

  // Revoke: only my own tokens; someone else's or an unknown id is a 404, as on the server.
  http.delete(routes.apiKey, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    const key = ownApiKey(params.id);
    if (!key) return errorResponse(404, 'not_found_error', 'No token with that id.');
    if (key.status === 'active') {
      Object.assign(key, { status: 'revoked', revokedAt: new Date().toISOString() } satisfies Partial<ApiKey>);
    }
    return new HttpResponse(null, { status: 204 });
  }),
];
