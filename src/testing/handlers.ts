import { http, HttpResponse } from 'msw';
import { errorEnvelopeSchema, type ErrorType } from '../contract/errors';
import { routes } from '../contract/paths';
import { defaultPolicy, policySchema } from '../contract/policy';
import { apiKeyListQuerySchema, apiKeyListSchema, type ApiKey } from '../contract/tokens';
import { meResponseSchema, signInRequestSchema, signInResponseSchema, type User } from '../contract/users';
import { buildApiKey, buildUser, daysFromNow } from './factories';

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

  http.get(routes.apiKeys, ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const query = apiKeyListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return errorResponse(400, 'invalid_request_error', 'Unknown filter.');
    const { status = 'active', environment, q, sort = 'createdAt', order = 'desc' } = query.data;
    const data = store.apiKeys
      .filter((key) => status === 'all' || key.status === status)
      .filter((key) => !environment || key.environment === environment)
      .filter((key) => !q || key.name.toLowerCase().includes(q.toLowerCase()))
      .toSorted((a, b) => {
        const compared = String(a[sort] ?? '').localeCompare(String(b[sort] ?? ''));
        return order === 'asc' ? compared : -compared;
      });
    return HttpResponse.json(apiKeyListSchema.parse({ data }));
  }),

  http.get(routes.policy, () => {
    if (!store.signedIn) return unauthenticated();
    return HttpResponse.json(policySchema.parse(defaultPolicy));
  }),
];
