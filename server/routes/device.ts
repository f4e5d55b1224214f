import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { apiKeyRuleMessages, checkApiKeyRequest, findEnvironment } from '../../src/contract/api-key-rules';
import {
  approveDeviceRequestSchema,
  denyDeviceRequestSchema,
  deviceCodeLifetimeSeconds,
  deviceCodeRequestSchema,
  deviceLookupRequestSchema,
  devicePollIntervalSeconds,
  deviceSlowDownSeconds,
  deviceTokenName,
  deviceTokenRequestSchema,
  formatUserCode,
  normalizeUserCode,
  type ApproveDeviceResponse,
  type DeviceCodeResponse,
  type DeviceRequest,
  type DeviceTokenError,
} from '../../src/contract/device';
import { displayHint } from '../../src/contract/token-format';
import type { CreateApiKeyResponse } from '../../src/contract/tokens';
import type { AppDeps, AppEnv } from '../context';
import {
  approveDeviceRequest,
  denyDeviceRequest,
  findPendingDeviceRequest,
  forgetOldDeviceAuthorizations,
  insertDeviceAuthorization,
  redeemDeviceCode,
} from '../db/device-codes';
import { digestDeviceCode, generateDeviceCode, generateUserCode } from '../device/codes';
import { ApiError, invalidFields, rejectInvalid } from '../errors';
import { rateLimitKeyOfIp, requireSession } from '../middleware/auth';
import { digestSecret, generateSecret } from '../tokens/secrets';

// One answer for unknown, decided, expired and malformed codes: nothing to learn from which.
const codeNotValid = () =>
  new ApiError(404, 'not_found_error', 'This code isn’t valid: check it against your terminal. Codes work once and for 10 minutes.');

/** The token endpoint's RFC 8628 answers: see `deviceTokenErrorSchema` for why they keep the RFC's shape. */
const pollAnswer = (c: Context, error: DeviceTokenError['error'], description: string, interval?: number) =>
  c.json({ error, error_description: description, ...(interval === undefined ? {} : { interval }) } satisfies DeviceTokenError, 400);

/**
 * Device authorization (RFC 8628): `/code` and `/token` are the machine's, without a session; the
 * lookup and the decision are the person's, with a session (never a token: a token must not
 * approve new tokens) and, through the CSRF middleware, the header the SPA sends.
 */
export const deviceRoutes = (deps: AppDeps) => {
  /** A wrong user code counts against the person, before anything is looked up (no oracle past the limit). */
  const withUserCode = async <T>(userId: string, typed: string, use: (code: string, hash: Buffer) => Promise<T | null>): Promise<T> => {
    await deps.rateLimiter.refuseWhenFull('deviceUserCodeFailuresPerUser', userId);
    const code = normalizeUserCode(typed);
    const found = code ? await use(code, digestDeviceCode('user', code, deps.hmacSecret)) : null;
    if (found === null) {
      await deps.rateLimiter.recordFailure('deviceUserCodeFailuresPerUser', userId);
      throw codeNotValid();
    }
    return found;
  };

  return new Hono<AppEnv>()
    .post('/code', zValidator('json', deviceCodeRequestSchema, rejectInvalid), async (c) => {
      await deps.rateLimiter.consume('deviceCodesPerIp', rateLimitKeyOfIp(c));
      const request = c.req.valid('json');
      const now = deps.clock.now();
      await forgetOldDeviceAuthorizations(deps.db, now);
      const verificationUri = new URL('/activate', deps.publicUrl ?? new URL(c.req.url).origin).toString();
      // A user code collision with a live or old request is possible, if unlikely: draw again.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const deviceCode = generateDeviceCode();
        const userCode = generateUserCode();
        const inserted = await insertDeviceAuthorization(
          deps.db,
          {
            deviceCodeHash: digestDeviceCode('device', deviceCode, deps.hmacSecret),
            userCodeHash: digestDeviceCode('user', userCode, deps.hmacSecret),
            clientName: request.clientName,
            hostname: request.hostname,
            environment: request.environment ?? null,
            scopes: request.scopes ?? [],
            expiresInDays: request.expiresInDays ?? null,
            ip: c.get('clientIp'),
            userAgent: c.req.header('User-Agent')?.slice(0, 512) ?? null,
            intervalSeconds: devicePollIntervalSeconds,
            expiresAt: new Date(now.getTime() + deviceCodeLifetimeSeconds * 1000),
          },
          now,
        );
        if (!inserted) continue;
        const complete = new URL(verificationUri);
        complete.searchParams.set('code', formatUserCode(userCode));
        return c.json(
          {
            deviceCode,
            userCode: formatUserCode(userCode),
            verificationUri,
            verificationUriComplete: complete.toString(),
            expiresIn: deviceCodeLifetimeSeconds,
            interval: devicePollIntervalSeconds,
          } satisfies DeviceCodeResponse,
          200,
        );
      }
      throw new Error('Could not draw an unused user code');
    })
    .post('/token', zValidator('json', deviceTokenRequestSchema, rejectInvalid), async (c) => {
      const ip = rateLimitKeyOfIp(c);
      await deps.rateLimiter.refuseWhenFull('deviceTokenFailuresPerIp', ip);
      const now = deps.clock.now();
      const policy = await deps.policies.get();
      let secret = '';
      const result = await redeemDeviceCode(
        deps.db,
        digestDeviceCode('device', c.req.valid('json').deviceCode, deps.hmacSecret),
        (environment) => {
          const tag = findEnvironment(policy, environment)?.tag;
          if (!tag) throw new ApiError(409, 'invalid_request_error', 'This token’s environment is no longer in the policy. Sign in again.');
          secret = generateSecret(deps.tokenPrefix, tag);
          return { digest: digestSecret(secret, deps.hmacSecret), hint: displayHint(secret) };
        },
        now,
        deviceSlowDownSeconds,
      );
      switch (result.state) {
        case 'unknown':
          await deps.rateLimiter.recordFailure('deviceTokenFailuresPerIp', ip);
          return pollAnswer(c, 'invalid_grant', 'This device code is not known here.');
        case 'spent':
          return pollAnswer(c, 'invalid_grant', 'This device code was used already: its token was handed out once.');
        case 'denied':
          return pollAnswer(c, 'access_denied', 'The request was denied.');
        case 'expired':
          return pollAnswer(c, 'expired_token', 'The code expired before anyone approved it. Start again.');
        case 'pending':
          return pollAnswer(c, 'authorization_pending', 'Waiting for someone to approve the code.');
        case 'slow_down':
          return pollAnswer(c, 'slow_down', `Polling too fast: wait ${result.intervalSeconds} seconds between polls.`, result.intervalSeconds);
        case 'approved':
          // The one answer that holds the machine's secret: no cache may keep it.
          c.header('Cache-Control', 'no-store');
          return c.json({ apiKey: result.apiKey, secret } satisfies CreateApiKeyResponse, 200);
      }
    })
    .post('/lookup', requireSession(deps), zValidator('json', deviceLookupRequestSchema, rejectInvalid), async (c) => {
      const request = await withUserCode(c.get('caller').user.id, c.req.valid('json').userCode, (code, hash) =>
        findPendingDeviceRequest(deps.db, hash, code, deps.clock.now()),
      );
      return c.json(request satisfies DeviceRequest, 200);
    })
    .post('/requests/:id/approve', requireSession(deps), zValidator('json', approveDeviceRequestSchema, rejectInvalid), async (c) => {
      const body = c.req.valid('json');
      const user = c.get('caller').user;
      const policy = await deps.policies.get();
      const now = deps.clock.now();
      const approved = await withUserCode(user.id, body.userCode, async (_code, hash) => {
        // The name is checked with the row (it comes from the request's hostname); the policy's rules here.
        const rules = checkApiKeyRequest({ ...body, name: deviceTokenName('-') }, policy, now);
        if (!rules.ok) throw invalidFields(422, rules.fields);
        // An approval mints a live token: same budget as creating one.
        await deps.rateLimiter.consume('tokenCreationsPerUser', user.id);
        // A secret nobody keeps until the machine collects its own (see approveDeviceRequest).
        const placeholder = generateSecret(deps.tokenPrefix, rules.value.environment.tag);
        const result = await approveDeviceRequest(
          deps.db,
          { id: c.req.param('id'), userCodeHash: hash, userId: user.id },
          {
            ownerId: user.id,
            description: null,
            environment: rules.value.environment.id,
            scopes: rules.value.scopes,
            digest: digestSecret(placeholder, deps.hmacSecret),
            hint: displayHint(placeholder),
            expiresAt: rules.value.expiresAt,
          },
          now,
          policy.maxActiveTokensPerUser,
        );
        if (result.ok) return result.apiKey;
        if (result.reason === 'not_found') return null;
        // Only a create racing this one can take the free name just chosen: approving again works.
        if (result.reason === 'name_taken') throw new ApiError(409, 'invalid_request_error', 'Another token took this name just now. Approve again.');
        throw new ApiError(422, 'invalid_request_error', apiKeyRuleMessages.tooManyActive(policy.maxActiveTokensPerUser ?? 0));
      });
      return c.json({ apiKey: approved } satisfies ApproveDeviceResponse, 200);
    })
    .post('/requests/:id/deny', requireSession(deps), zValidator('json', denyDeviceRequestSchema, rejectInvalid), async (c) => {
      const user = c.get('caller').user;
      await withUserCode(user.id, c.req.valid('json').userCode, async (_code, hash) =>
        (await denyDeviceRequest(deps.db, c.req.param('id'), hash, user.id, deps.clock.now())) ? true : null,
      );
      return c.body(null, 204);
    });
};
