import { Hono, type Context } from 'hono';
import {
  introspectionMessages,
  introspectionRequestSchema,
  mayIntrospect,
  requiredScopesOf,
  type IntrospectionResponse,
} from '../../src/contract/introspection';
import type { AppDeps, AppEnv } from '../context';
import { ApiError, fromZodError } from '../errors';
import { checkPresentedToken, requestOrigin, requireCaller } from '../middleware/auth';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * RFC 7662 token introspection, for resource servers (API gateways) that received a Keyline token.
 * The caller proves itself with its own bearer token and must be allowed to introspect (`mayIntrospect`);
 * anyone else gets 401/403 and never token data. The presented token is checked exactly like a bearer
 * call (same lookup, same bookkeeping, counted in the token's usage) and is never logged or echoed.
 * The CSRF check (which wants JSON bodies) skips it: the RFC's body is a form, and a bearer token is
 * something a browser never attaches by itself.
 */
export const introspectRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().post('/', requireCaller(deps), async (c) => {
    const caller = c.get('caller');
    if (caller.method !== 'token') {
      throw new ApiError(401, 'authentication_error', introspectionMessages.needsToken, undefined, { 'WWW-Authenticate': 'Bearer' });
    }
    if (!mayIntrospect(caller)) throw new ApiError(403, 'permission_error', introspectionMessages.notAllowed);
    deps.rateLimiter.consumeLocally('introspectionsPerCaller', caller.apiKeyId);

    const parsed = introspectionRequestSchema.safeParse(await readBody(c));
    if (!parsed.success) throw fromZodError(parsed.error);
    const { token, required_scope: requiredScope } = parsed.data;
    const requiredScopes = requiredScopesOf(requiredScope);

    const checked = await checkPresentedToken(deps, token, requestOrigin(c), { via: 'introspection', requiredScopes });
    if (!checked) return c.json({ active: false } satisfies IntrospectionResponse, 200);
    const { credential, granted } = checked;
    return c.json(
      {
        active: true,
        scope: credential.scopes.join(' '),
        username: credential.user.username,
        sub: credential.user.id,
        exp: seconds(credential.validUntil),
        iat: seconds(credential.createdAt),
        token_type: 'bearer',
        environment: credential.environment,
        keyline_token_id: credential.apiKeyId,
        ...(requiredScope === undefined ? {} : { required_scope_granted: granted }),
      } satisfies IntrospectionResponse,
      200,
    );
  });

/** The form body (RFC 7662 §2.1) or the same fields as JSON; each parameter at most once. */
async function readBody(c: Context): Promise<unknown> {
  const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  const text = await c.req.text();
  if (type === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams(text);
    const body: Record<string, string> = {};
    for (const [key, value] of params) {
      if (key in body) throw new ApiError(400, 'invalid_request_error', 'Send each parameter once.', { [key]: 'Sent more than once.' });
      body[key] = value;
    }
    return body;
  }
  if (type === 'application/json') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(400, 'invalid_request_error', 'The body is not valid JSON.');
    }
  }
  throw new ApiError(415, 'invalid_request_error', introspectionMessages.contentType);
}
