import { http, HttpResponse } from 'msw';
import { apiKeyRuleMessages, checkRotation, nameProblem, planRotation } from '../../contract/api-key-rules';
import {
  apiKeyEventListSchema,
  rotateApiKeyRequestSchema,
  tokenCheckRequestSchema,
  tokenCheckResponseSchema,
} from '../../contract/lifecycle';
import { routes } from '../../contract/paths';
import { displayHint, parseSecret } from '../../contract/token-format';
import { apiKeySchema, createApiKeyResponseSchema, type ApiKey } from '../../contract/tokens';
import { classifyUserAgent } from '../../contract/user-agent';
import { buildApiKeyEvent } from '../factories';
import { errorResponse, unauthenticated } from './error-response';
import { mintSecret } from './mint-secret';
import { ownApiKey, ownApiKeys, store, visibleApiKey } from './store';

/** One token's life: read it, rotate (a fresh secret; nothing kept but the hint), cut-off, timeline, test a token. */
export const lifecycleHandlers = [
  http.get(routes.apiKey, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    const key = visibleApiKey(params.id);
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    return HttpResponse.json(apiKeySchema.parse(key));
  }),

  // Rotate: the contract's plan (new expiry, grace unless already expired) and messages, then a fresh secret.
  http.post(routes.apiKeyRotate, async ({ params, request }) => {
    if (!store.signedIn) return unauthenticated();
    const body = rotateApiKeyRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Choose a grace period.', { gracePeriod: 'Choose a grace period.' });
    const policy = store.policy;
    const key = ownApiKey(params.id);
    if (!key) return errorResponse(404, 'not_found_error', 'Not found.');
    if (key.status === 'revoked') return errorResponse(409, 'invalid_request_error', apiKeyRuleMessages.revokedCannotRotate);
    const rules = checkRotation(policy, key);
    if (!rules.ok) return errorResponse(422, 'invalid_request_error', Object.values(rules.fields).join(' '), rules.fields);
    const renewingTakenName = key.status === 'expired' && nameProblem(key.name, ownApiKeys().filter((other) => other.id !== key.id));
    if (renewingTakenName) return errorResponse(409, 'invalid_request_error', apiKeyRuleMessages.nameTakenOnRenew(key.name));
    const now = new Date();
    const plan = planRotation(
      { createdAt: new Date(key.createdAt), rotatedAt: key.rotation ? new Date(key.rotation.rotatedAt) : null, expiresAt: new Date(key.expiresAt) },
      body.data.gracePeriod,
      policy,
      now,
    );
    const { secret, hint } = mintSecret(policy.tokenPrefix, rules.value.tag);
    Object.assign(key, {
      status: 'active',
      hint,
      expiresAt: plan.expiresAt.toISOString(),
      rotation: {
        rotatedAt: now.toISOString(),
        previousSecretValidUntil: plan.previousValidUntil.toISOString(),
        previousSecretActive: plan.gracePeriod !== 'none',
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
              client: classifyUserAgent(key.lastUsedUserAgent),
            }),
          ]
        : []),
      ...(key.revokedAt ? [buildApiKeyEvent({ id: `${key.id}:revoked`, type: 'revoked', at: key.revokedAt, actor: store.user })] : []),
    ];
    return HttpResponse.json(apiKeyEventListSchema.parse({ data }));
  }),

  // Test a token: the format's own offline check (checksum included), then a lookup by hint, so no secret is ever kept here.
  http.post(routes.tokenChecks, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const body = tokenCheckRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Paste a token.', { token: 'Paste a token.' });
    const token = body.data.token;
    const answer = (value: unknown) => HttpResponse.json(tokenCheckResponseSchema.parse(value));
    if (!parseSecret(token, store.policy.tokenPrefix)) return answer({ result: 'invalid_format' });
    const key = store.apiKeys.find((k) => k.hint === displayHint(token));
    if (!key) return answer({ result: 'unknown' });
    if (key.owner.id !== store.user.id && store.user.role !== 'admin') return answer({ result: 'not_yours' });
    return answer({ result: 'found', apiKey: key, matched: 'current', secretStatus: key.status });
  }),
];
