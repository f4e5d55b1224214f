import { http, HttpResponse } from 'msw';
import {
  apiKeyEventListSchema,
  gracePeriodMs,
  rotateApiKeyRequestSchema,
  tokenCheckRequestSchema,
  tokenCheckResponseSchema,
} from '../../contract/lifecycle';
import { routes } from '../../contract/paths';
import { defaultPolicy } from '../../contract/policy';
import { apiKeySchema, createApiKeyResponseSchema, type ApiKey } from '../../contract/tokens';
import { buildApiKeyEvent } from '../factories';
import { errorResponse, unauthenticated } from './error-response';
import { mintSecret } from './mint-secret';
import { ownApiKey, store, visibleApiKey } from './store';

/** One token's life: read it, rotate (a fresh secret; nothing kept but the hint), cut-off, timeline, test a token. */
export const lifecycleHandlers = [
  http.get(routes.apiKey, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    const key = visibleApiKey(params.id);
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    return HttpResponse.json(apiKeySchema.parse(key));
  }),

  http.post(routes.apiKeyRotate, async ({ params, request }) => {
    if (!store.signedIn) return unauthenticated();
    const body = rotateApiKeyRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Choose a grace period.', { gracePeriod: 'Choose a grace period.' });
    const key = ownApiKey(params.id);
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    if (key.status === 'revoked') return errorResponse(409, 'invalid_request_error', 'This token is revoked and can’t be rotated.');
    const now = Date.now();
    const lifetime = Date.parse(key.expiresAt) - Date.parse(key.rotation?.rotatedAt ?? key.createdAt);
    const grace = key.status === 'expired' ? 0 : gracePeriodMs[body.data.gracePeriod];
    const tag = key.hint.split('_')[1] ?? 'dev';
    const { secret, hint } = mintSecret(defaultPolicy.tokenPrefix, tag);
    Object.assign(key, {
      status: 'active',
      hint,
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
    const key = ownApiKey(params.id);
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    if (key.rotation && Date.parse(key.rotation.previousSecretValidUntil) > Date.now()) {
      key.rotation = { ...key.rotation, previousSecretValidUntil: new Date().toISOString(), previousSecretActive: false };
    }
    return new HttpResponse(null, { status: 204 });
  }),

  http.get(routes.apiKeyEvents, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    const key = visibleApiKey(params.id);
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    const data = [
      buildApiKeyEvent({ id: `${key.id}:created`, type: 'created', at: key.createdAt, actor: key.owner }),
      ...(key.lastUsedAt
        ? [
            buildApiKeyEvent({
              id: `${key.id}:last`,
              type: 'last_used',
              at: key.lastUsedAt,
              ip: key.lastUsedIp,
              userAgent: key.lastUsedUserAgent,
              client: key.lastUsedUserAgent?.startsWith('curl/') ? 'curl' : null,
            }),
          ]
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
];
