import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { tokenCheckRequestSchema, type TokenCheckResponse } from '../../src/contract/lifecycle';
import { parseSecret } from '../../src/contract/token-format';
import type { AppDeps, AppEnv } from '../context';
import { findApiKey } from '../db/api-keys';
import { rejectInvalid } from '../errors';
import { rateLimitKeyOfIp, requireSession } from '../middleware/auth';
import { findTokenCredential } from '../tokens/credentials';
import { digestSecret, secretsMatch } from '../tokens/secrets';

/**
 * "Test a token": someone found a secret (a CI log, a chat, a leak) and wants to know what it is.
 * The pasted value is only ever hashed: never logged, stored or echoed back. Session only, so a
 * token cannot be used to probe for other tokens, and limited per IP, so a session cannot be used to guess.
 */
export const tokenCheckRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().use(requireSession(deps)).post('/', zValidator('json', tokenCheckRequestSchema, rejectInvalid), async (c) => {
    // Counted before anything is looked at, atomically, so concurrent guesses cannot slip past the limit.
    await deps.rateLimiter.consume('tokenChecksPerIp', rateLimitKeyOfIp(c));
    const { token } = c.req.valid('json');
    const answer = (body: TokenCheckResponse) => {
      c.header('Cache-Control', 'no-store');
      return c.json(body, 200);
    };
    // Format and checksum first: look-alikes never reach the database.
    if (!parseSecret(token, deps.tokenPrefix)) return answer({ result: 'invalid_format' });
    const now = deps.clock.now();
    const digest = digestSecret(token, deps.hmacSecret);
    const credential = await findTokenCredential(deps.db, digest, now);
    if (!credential || !secretsMatch(credential.digest, digest)) return answer({ result: 'unknown' });
    const caller = c.get('caller').user;
    if (credential.user.id !== caller.id && caller.role !== 'admin') return answer({ result: 'not_yours' });
    const apiKey = await findApiKey(deps.db, credential.apiKeyId, null, now);
    if (!apiKey) return answer({ result: 'unknown' });
    const secretStatus =
      credential.matched === 'previous' && apiKey.status === 'active' && !credential.previousValid ? 'expired' : apiKey.status;
    return answer({ result: 'found', apiKey, matched: credential.matched, secretStatus });
  });
