import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { apiKeyRuleMessages, checkApiKeyRequest, checkRotation } from '../../src/contract/api-key-rules';
import { rotateApiKeyRequestSchema, type ApiKeyEventList } from '../../src/contract/lifecycle';
import { displayHint } from '../../src/contract/token-format';
import { serviceAccountMessages } from '../../src/contract/service-accounts';
import {
  apiKeyListQuerySchema,
  createApiKeyRequestSchema,
  type ApiKey,
  type ApiKeyList,
  type CreateApiKeyResponse,
} from '../../src/contract/tokens';
import type { AppDeps, AppEnv, Caller } from '../context';
import { listApiKeyEvents } from '../db/api-key-events';
import {
  cutOffPreviousSecret,
  decodeOwnListCursor,
  findApiKey,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  rotateApiKey,
} from '../db/api-keys';
import { isDeactivatedServiceAccount, mayManageTokensOf } from '../db/service-accounts';
import { ApiError, invalidFields, notFound, rejectInvalid } from '../errors';
import { requireTokenManager } from '../middleware/token-management';
import { readableTokens, secretTokens } from '../tokens/access';
import { digestSecret, generateSecret } from '../tokens/secrets';

export const apiKeyRoutes = (deps: AppDeps) => {
  /** The owner a list or create is for: the caller, or a service account they manage; anyone else's is 404. */
  async function ownerFor(caller: Caller, ownerId: string | undefined): Promise<string> {
    if (ownerId === undefined) return caller.user.id;
    if (!(await mayManageTokensOf(deps.db, caller.user, ownerId))) throw notFound();
    return ownerId;
  }

  return new Hono<AppEnv>()
    .use(requireTokenManager(deps))
    .get('/', zValidator('query', apiKeyListQuerySchema, rejectInvalid), async (c) => {
      const query = c.req.valid('query');
      const cursor = query.cursor === undefined ? null : decodeOwnListCursor(query.cursor, query);
      if (query.cursor !== undefined && !cursor) throw invalidFields(400, { cursor: 'Not a cursor from this list. Start again from the first page.' });
      const ownerId = await ownerFor(c.get('caller'), query.owner);
      const { owner: _owner, ...filters } = query;
      const page = await listApiKeys(deps.db, ownerId, filters, cursor, deps.clock.now());
      return c.json(page satisfies ApiKeyList, 200);
    })
    .post('/', zValidator('json', createApiKeyRequestSchema, rejectInvalid), async (c) => {
      const request = c.req.valid('json');
      const caller = c.get('caller');
      // Whoever asks spends their own budget, whoever the token is for.
      await deps.rateLimiter.consume('tokenCreationsPerUser', caller.user.id);
      const ownerId = await ownerFor(caller, request.ownerId);
      if (ownerId !== caller.user.id && (await isDeactivatedServiceAccount(deps.db, ownerId))) {
        throw new ApiError(409, 'invalid_request_error', serviceAccountMessages.deactivated('This service account'));
      }
      const policy = await deps.policies.get();
      const now = deps.clock.now();
      const rules = checkApiKeyRequest(request, policy, now);
      if (!rules.ok) throw invalidFields(422, rules.fields);
      const checked = rules.value;
      const secret = generateSecret(deps.tokenPrefix, checked.environment.tag);
      const result = await insertApiKey(
        deps.db,
        {
          ownerId,
          actorId: caller.user.id,
          name: request.name,
          description: checked.description,
          environment: checked.environment.id,
          scopes: checked.scopes,
          digest: digestSecret(secret, deps.hmacSecret),
          hint: displayHint(secret),
          expiresAt: checked.expiresAt,
        },
        now,
        policy.maxActiveTokensPerUser,
      );
      if (!result.ok && result.reason === 'name_taken') {
        throw invalidFields(422, { name: apiKeyRuleMessages.nameTaken(request.name) });
      }
      if (!result.ok) {
        throw new ApiError(422, 'invalid_request_error', apiKeyRuleMessages.tooManyActive(policy.maxActiveTokensPerUser ?? 0));
      }
      // The one response that holds the secret: no cache may keep it.
      c.header('Cache-Control', 'no-store');
      return c.json({ apiKey: result.apiKey, secret } satisfies CreateApiKeyResponse, 201);
    })
    .get('/:id', async (c) => {
      const apiKey = await findApiKey(deps.db, c.req.param('id'), readableTokens(c.get('caller')), deps.clock.now());
      if (!apiKey) throw notFound();
      return c.json(apiKey satisfies ApiKey, 200);
    })
    .get('/:id/events', async (c) => {
      const apiKey = await findApiKey(deps.db, c.req.param('id'), readableTokens(c.get('caller')), deps.clock.now());
      if (!apiKey) throw notFound();
      const lastUse = apiKey.lastUsedAt
        ? { at: apiKey.lastUsedAt, ip: apiKey.lastUsedIp, userAgent: apiKey.lastUsedUserAgent }
        : null;
      const data = await listApiKeyEvents(deps.db, apiKey.id, lastUse);
      return c.json({ data } satisfies ApiKeyEventList, 200);
    })
    .delete('/:id', async (c) => {
      const caller = c.get('caller');
      // Idempotent: revoking an already revoked token is a success, so retries are safe.
      // An admin may revoke anyone's (e.g. a leaked token found with "test a token"); it is recorded as theirs.
      const found = await revokeApiKey(deps.db, c.req.param('id'), readableTokens(caller), caller.user.id, deps.clock.now());
      if (!found) throw notFound();
      return c.body(null, 204);
    })
    // Only the owner rotates — or, for a service account's token, its managers and admins: the new
    // secret is shown to whoever asks, so nobody else may ask (an admin never sees a person's).
    .post('/:id/rotate', zValidator('json', rotateApiKeyRequestSchema, rejectInvalid), async (c) => {
      const { gracePeriod } = c.req.valid('json');
      const caller = c.get('caller');
      // A rotation mints a live secret too: same budget as creating.
      await deps.rateLimiter.consume('tokenCreationsPerUser', caller.user.id);
      const now = deps.clock.now();
      const policy = await deps.policies.get();
      const current = await findApiKey(deps.db, c.req.param('id'), secretTokens(caller), now);
      if (!current) throw notFound();
      if (current.status === 'revoked') throw revokedCannotRotate();
      // The policy as it is now: a fresh secret must not carry rights the admin has taken away since.
      const rules = checkRotation(policy, current);
      if (!rules.ok) throw invalidFields(422, rules.fields, Object.values(rules.fields).join(' '));
      const secret = generateSecret(deps.tokenPrefix, rules.value.tag);
      const result = await rotateApiKey(deps.db, {
        id: current.id,
        ownerId: current.owner.id,
        actorId: caller.user.id,
        digest: digestSecret(secret, deps.hmacSecret),
        hint: displayHint(secret),
        gracePeriod,
        policy,
        now,
      });
      if (!result.ok && result.reason === 'not_found') throw notFound();
      if (!result.ok && result.reason === 'too_many_active') {
        throw new ApiError(422, 'invalid_request_error', apiKeyRuleMessages.tooManyActive(policy.maxActiveTokensPerUser ?? 0));
      }
      if (!result.ok && result.reason === 'revoked') throw revokedCannotRotate();
      if (!result.ok) {
        throw new ApiError(409, 'invalid_request_error', apiKeyRuleMessages.nameTakenOnRenew(current.name));
      }
      // The one other response that holds a secret: no cache may keep it.
      c.header('Cache-Control', 'no-store');
      return c.json({ apiKey: result.apiKey, secret } satisfies CreateApiKeyResponse, 201);
    })
    // Ends the grace period now: the previous secret stops working at once. Idempotent.
    .post('/:id/rotate/cut-off', async (c) => {
      const caller = c.get('caller');
      const now = deps.clock.now();
      const current = await findApiKey(deps.db, c.req.param('id'), secretTokens(caller), now);
      const found = current && (await cutOffPreviousSecret(deps.db, current.id, current.owner.id, now, caller.user.id));
      if (!found) throw notFound();
      return c.body(null, 204);
    });
};

// 409, not 404: the token exists and is yours, but a revoked token stays dead. Create a new one.
const revokedCannotRotate = () => new ApiError(409, 'invalid_request_error', apiKeyRuleMessages.revokedCannotRotate);

