import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import {
  apiKeyListQuerySchema,
  createApiKeyRequestSchema,
  type ApiKey,
  type ApiKeyList,
  type CreateApiKeyResponse,
} from '../../src/contract/tokens';
import { checkApiKeyRequest } from '../api-key-rules';
import { requireSession } from '../auth';
import type { AppDeps, AppEnv } from '../context';
import { findApiKey, insertApiKey, listApiKeys, revokeApiKey } from '../db/api-keys';
import { ApiError, invalidFields, notFound } from '../errors';
import { digestSecret, displayHint, generateSecret } from '../token';
import { rejectInvalid } from '../validation';

export const apiKeyRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .use(requireSession(deps))
    .get('/', zValidator('query', apiKeyListQuerySchema, rejectInvalid), async (c) => {
      const data = await listApiKeys(deps.db, c.get('caller').user.id, c.req.valid('query'), deps.clock.now());
      return c.json({ data } satisfies ApiKeyList, 200);
    })
    .post('/', zValidator('json', createApiKeyRequestSchema, rejectInvalid), async (c) => {
      const request = c.req.valid('json');
      const policy = await deps.policies.get();
      const now = deps.clock.now();
      const checked = checkApiKeyRequest(request, policy, now);
      const secret = generateSecret(deps.tokenPrefix, checked.environment.tag);
      const result = await insertApiKey(
        deps.db,
        {
          ownerId: c.get('caller').user.id,
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
        throw invalidFields(422, { name: `You already have an active token named “${request.name}”.` });
      }
      if (!result.ok) {
        throw new ApiError(
          422,
          'invalid_request_error',
          `You can have at most ${policy.maxActiveTokensPerUser} active tokens. Revoke one you no longer use first.`,
        );
      }
      // The one response that holds the secret: no cache may keep it.
      c.header('Cache-Control', 'no-store');
      return c.json({ apiKey: result.apiKey, secret } satisfies CreateApiKeyResponse, 201);
    })
    .get('/:id', async (c) => {
      const apiKey = await findApiKey(deps.db, c.req.param('id'), c.get('caller').user.id, deps.clock.now());
      if (!apiKey) throw notFound();
      return c.json(apiKey satisfies ApiKey, 200);
    })
    .delete('/:id', async (c) => {
      const caller = c.get('caller');
      // Idempotent: revoking an already revoked token is a success, so retries are safe.
      const found = await revokeApiKey(deps.db, c.req.param('id'), caller.user.id, caller.user.id, deps.clock.now());
      if (!found) throw notFound();
      return c.body(null, 204);
    });
