import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { revokeLeakedAnswer, revokeLeakedRequestSchema } from '../../src/contract/leaks';
import type { AppDeps, AppEnv } from '../context';
import { rejectInvalid } from '../errors';
import { rateLimitKeyOfIp } from '../middleware/auth';
import { stopLeakedSecret } from '../leaks/intake';

/**
 * "This token leaked, kill it": anyone holding a Keyline secret may stop it — possession is the proof,
 * so no session, no token, no CSRF header (scripts and other services call it; see app.ts). The answer
 * is the same 202 for every well-formed request, whatever the token was, so it is no oracle; every
 * request counts against its IP. The secret is only hashed: never logged, stored or echoed.
 */
export const revokeLeakedRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().post('/', zValidator('json', revokeLeakedRequestSchema, rejectInvalid), async (c) => {
    await deps.rateLimiter.consume('revokeLeakedPerIp', rateLimitKeyOfIp(c));
    const { token } = c.req.valid('json');
    await stopLeakedSecret(deps, { secret: token, url: null, source: 'report', remember: false }, deps.clock.now());
    c.header('Cache-Control', 'no-store');
    return c.json(revokeLeakedAnswer, 202);
  });
