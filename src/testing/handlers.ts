import { http, HttpResponse } from 'msw';
import { errorEnvelopeSchema, type ErrorType } from '../contract/errors';
import { routes } from '../contract/paths';
import { defaultPolicy, policySchema } from '../contract/policy';
import { apiKeyListQuerySchema, apiKeyListSchema, apiKeyPageSize, type ApiKey } from '../contract/tokens';
import { meResponseSchema, signInRequestSchema, signInResponseSchema, type User } from '../contract/users';
import { buildApiKey, buildUser, daysFromNow } from './factories';
import { adminHandlers } from './admin-handlers';
// Create-token handler imports.
import { withImpliedScopes } from '../contract/policy';
import { createApiKeyRequestSchema, createApiKeyResponseSchema } from '../contract/tokens';
// Lifecycle handler imports.
import { apiKeySchema } from '../contract/tokens';
import {
  apiKeyEventListSchema,
  gracePeriodMs,
  rotateApiKeyRequestSchema,
  tokenCheckRequestSchema,
  tokenCheckResponseSchema,
} from '../contract/lifecycle';
import { buildApiKeyEvent } from './factories';

export const testPassword = 'correct horse battery staple';

/** The in-memory "server" behind the handlers. Tests change it directly; `resetStore()` runs after each. */
export const store = {
  user: buildUser({ id: 'usr_1', username: 'ada', role: 'member' }) as User,
  signedIn: true,
  apiKeys: [] as ApiKey[],
};

export function resetStore(): void {
  store.user = buildUser({ id: 'usr_1', username: 'ada', role: 'member' });
  store.signedIn = true;
  store.apiKeys = [
    buildApiKey({
      id: 'key_cli',
      name: 'Laptop CLI',
      description: 'Local scripts',
      scopes: ['read:projects', 'write:projects'],
      hint: 'kl_dev_…a1B9',
    }),
    buildApiKey({
      id: 'key_deploy',
      name: 'Production deploy',
      environment: 'production',
      scopes: ['read:projects', 'read:workflows', 'write:workflows', 'read:deployments', 'write:deployments'],
      hint: 'kl_prod_…Zx42',
      createdAt: daysFromNow(-2),
      lastUsedAt: null,
    }),
  ];
}
resetStore();

export function errorResponse(status: number, type: ErrorType, message: string, fields?: Record<string, string>) {
  return HttpResponse.json(errorEnvelopeSchema.parse({ error: { type, message, fields } }), { status });
}

const unauthenticated = () => errorResponse(401, 'authentication_error', 'Sign in to continue.');

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

/** Happy-path handlers built on the contract: requests validated, responses parsed before they leave. */
export const handlers = [
  http.post(routes.session, async ({ request }) => {
    const body = signInRequestSchema.safeParse(await request.json());
    if (!body.success) {
      const fields = Object.fromEntries(body.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
      return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', fields);
    }
    if (body.data.username !== store.user.username || body.data.password !== testPassword) {
      return errorResponse(401, 'authentication_error', 'Incorrect username or password.');
    }
    store.signedIn = true;
    return HttpResponse.json(signInResponseSchema.parse({ user: store.user }));
  }),

  http.delete(routes.session, () => {
    store.signedIn = false;
    return new HttpResponse(null, { status: 204 });
  }),

  http.get(routes.me, () => {
    if (!store.signedIn) return unauthenticated();
    return HttpResponse.json(meResponseSchema.parse({ user: store.user, auth: { method: 'session' } }));
  }),

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
    if (!body.success) {
      const fields = Object.fromEntries(body.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
      return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', fields);
    }
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
    const taken = store.apiKeys.some(
      (key) => key.status === 'active' && key.name.toLowerCase() === input.name.toLowerCase(),
    );
    if (taken) {
      return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', {
        name: `You already have an active token named “${input.name}”.`,
      });
    }
    const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const random = Array.from(crypto.getRandomValues(new Uint8Array(36)), (byte) => base62[byte % 62]).join('');
    const secret = `${policy.tokenPrefix}_${environment.tag}_${random}`;
    const apiKey = buildApiKey({
      name: input.name,
      description: input.description ? input.description : null,
      environment: environment.id,
      scopes: withImpliedScopes(input.scopes, policy.scopes),
      hint: `${policy.tokenPrefix}_${environment.tag}_…${secret.slice(-4)}`,
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
    const key = store.apiKeys.find((k) => k.id === params.id && k.owner.id === store.user.id);
    if (!key) return errorResponse(404, 'not_found_error', 'No token with that id.');
    if (key.status === 'active') {
      Object.assign(key, { status: 'revoked', revokedAt: new Date().toISOString() } satisfies Partial<ApiKey>);
    }
    return new HttpResponse(null, { status: 204 });
  }),

  // Lifecycle: one token, rotate (a fresh random secret; nothing kept but the hint), cut-off, timeline, test a token.
  http.get(routes.apiKey, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    const key = store.apiKeys.find((k) => k.id === params.id && (k.owner.id === store.user.id || store.user.role === 'admin'));
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    return HttpResponse.json(apiKeySchema.parse(key));
  }),

  http.post(routes.apiKeyRotate, async ({ params, request }) => {
    if (!store.signedIn) return unauthenticated();
    const body = rotateApiKeyRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Choose a grace period.', { gracePeriod: 'Choose a grace period.' });
    const key = store.apiKeys.find((k) => k.id === params.id && k.owner.id === store.user.id);
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    if (key.status === 'revoked') return errorResponse(409, 'invalid_request_error', 'This token is revoked and can’t be rotated.');
    const now = Date.now();
    const lifetime = Date.parse(key.expiresAt) - Date.parse(key.rotation?.rotatedAt ?? key.createdAt);
    const grace = key.status === 'expired' ? 0 : gracePeriodMs[body.data.gracePeriod];
    const tag = key.hint.split('_')[1] ?? 'dev';
    const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const secret = `kl_${tag}_${Array.from(crypto.getRandomValues(new Uint8Array(36)), (byte) => base62[byte % 62]).join('')}`;
    Object.assign(key, {
      status: 'active',
      hint: `kl_${tag}_…${secret.slice(-4)}`,
      expiresAt: new Date(now + Math.max(lifetime, 86_400_000)).toISOString(),
      rotation: {
        rotatedAt: new Date(now).toISOString(),
        previousSecretValidUntil: new Date(now + grace).toISOString(),
        previousSecretActive: grace > 0,
        previousSecretUses: 0,
      },
    } satisfies Partial<ApiKey>);
    return HttpResponse.json(createApiKeyResponseSchema.parse({ apiKey: key, secret }), { status: 201 });
  }),

  http.post(routes.apiKeyRotateCutOff, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    const key = store.apiKeys.find((k) => k.id === params.id && k.owner.id === store.user.id);
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    if (key.rotation && Date.parse(key.rotation.previousSecretValidUntil) > Date.now()) {
      key.rotation = { ...key.rotation, previousSecretValidUntil: new Date().toISOString(), previousSecretActive: false };
    }
    return new HttpResponse(null, { status: 204 });
  }),

  http.get(routes.apiKeyEvents, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    const key = store.apiKeys.find((k) => k.id === params.id && (k.owner.id === store.user.id || store.user.role === 'admin'));
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    const data = [
      buildApiKeyEvent({ id: `${key.id}:created`, type: 'created', at: key.createdAt, actor: key.owner }),
      ...(key.lastUsedAt
        ? [buildApiKeyEvent({ id: `${key.id}:last`, type: 'last_used', at: key.lastUsedAt, ip: key.lastUsedIp, userAgent: key.lastUsedUserAgent, client: key.lastUsedUserAgent?.startsWith('curl/') ? 'curl' : null })]
        : []),
      ...(key.revokedAt ? [buildApiKeyEvent({ id: `${key.id}:revoked`, type: 'revoked', at: key.revokedAt, actor: store.user })] : []),
    ];
    return HttpResponse.json(apiKeyEventListSchema.parse({ data }));
  }),

  // Test a token: the format check is real; the lookup matches on the hint, so no secret is ever kept here.
  http.post(routes.tokenChecks, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const body = tokenCheckRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Paste a token.', { token: 'Paste a token.' });
    const token = body.data.token;
    const answer = (value: unknown) => HttpResponse.json(tokenCheckResponseSchema.parse(value));
    if (!/^kl_[a-z0-9]{2,8}_[0-9A-Za-z]{36}$/.test(token)) return answer({ result: 'invalid_format' });
    const hint = `${token.slice(0, token.lastIndexOf('_') + 1)}…${token.slice(-4)}`;
    const key = store.apiKeys.find((k) => k.hint === hint);
    if (!key) return answer({ result: 'unknown' });
    if (key.owner.id !== store.user.id && store.user.role !== 'admin') return answer({ result: 'not_yours' });
    return answer({ result: 'found', apiKey: key, matched: 'current', secretStatus: key.status });
  }),

  http.get(routes.policy, () => {
    if (!store.signedIn) return unauthenticated();
    return HttpResponse.json(policySchema.parse(defaultPolicy));
  }),

  ...adminHandlers,
];
