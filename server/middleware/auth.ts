import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { grantsScope } from '../../src/contract/introspection';
import { parseSecret } from '../../src/contract/token-format';
import type { AppDeps, AppEnv, Caller } from '../context';
import { recordFirstUse, recordRejectedAttempt, type RejectionReason, type RequestOrigin } from '../db/api-key-events';
import { countPreviousSecretUse, recordTokenUse } from '../db/credentials';
import { findSessionUser, noteSessionSeen } from '../db/sessions';
import { ApiError } from '../errors';
import type { FailureGate } from './rate-limit';
import { errorForLog } from '../runtime';
import type { TokenCredential } from '../tokens/credentials';
import { digestSecret, secretsMatch } from '../tokens/secrets';

export const sessionLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** `__Host-` pins the cookie to this exact origin, but browsers only accept it over https. */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-keyline_session' : 'keyline_session');

export function setSessionCookie(c: Context, deps: AppDeps, sessionId: string) {
  setCookie(c, sessionCookieName(deps.secureCookies), sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: deps.secureCookies,
    maxAge: sessionLifetimeMs / 1000,
  });
}

export function clearSessionCookie(c: Context, deps: AppDeps) {
  deleteCookie(c, sessionCookieName(deps.secureCookies), { path: '/', secure: deps.secureCookies, httpOnly: true, sameSite: 'Lax' });
}

export const readSessionCookie = (c: Context, deps: AppDeps) => getCookie(c, sessionCookieName(deps.secureCookies));

const signInRequired = () =>
  new ApiError(401, 'authentication_error', 'Sign in, or send a token as Authorization: Bearer <token>.', undefined, {
    'WWW-Authenticate': 'Bearer',
  });

// One answer for malformed, unknown, expired and revoked tokens: nothing to learn by probing.
const invalidToken = () =>
  new ApiError(401, 'authentication_error', 'The token is invalid, expired or revoked.', undefined, {
    'WWW-Authenticate': 'Bearer error="invalid_token"',
  });

/** Session cookie or `Authorization: Bearer`; a present Authorization header wins over the cookie. */
async function authenticate(c: Context, deps: AppDeps): Promise<Caller> {
  const authorization = c.req.header('Authorization');
  if (authorization !== undefined) {
    // Refused while this IP's failures fill the window, even with a valid token: guessing learns nothing.
    const ip = clientIp(c);
    const ipKey = ip ?? unknownIp;
    // Read with the credential where that is a query: a bearer call is then one round trip.
    const failures = deps.rateLimiter.failureGate('bearerFailuresPerIp', ipKey);
    try {
      const match = /^Bearer +(\S+) *$/i.exec(authorization);
      if (!match?.[1]) {
        await failures.refuseWhenFull(null);
        throw invalidToken();
      }
      return await authenticateToken(c, deps, match[1], ip, failures);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) await deps.rateLimiter.recordFailure('bearerFailuresPerIp', ipKey);
      throw error;
    }
  }
  const sessionId = readSessionCookie(c, deps);
  if (sessionId) {
    const now = deps.clock.now();
    const found = await findSessionUser(deps.db, sessionId, now);
    if (found) {
      if (found.seenDue) {
        // Like a token's last use: bookkeeping that must never fail the request.
        await noteSessionSeen(deps.db, sessionId, now, requestOrigin(c)).catch((error: unknown) =>
          deps.logger.warn('Could not record session use', { user: found.user.id, ...errorForLog(error) }),
        );
      }
      return { method: 'session', user: found.user, sessionId };
    }
  }
  // An `x-api-key` header is deliberately ignored: only the standard Bearer scheme is accepted.
  throw signInRequired();
}

async function authenticateToken(c: Context, deps: AppDeps, secret: string, ip: string | null, failures: FailureGate): Promise<Caller> {
  const checked = await checkPresentedToken(deps, secret, { ip, userAgent: userAgentOf(c) }, { via: 'bearer', requiredScopes: [], failures });
  if (!checked) throw invalidToken();
  const { credential } = checked;
  return { method: 'token', user: credential.user, apiKeyId: credential.apiKeyId, scopes: credential.scopes, expiresAt: credential.expiresAt };
}

/**
 * A presented secret, checked the way every bearer call checks it (checksum, then the credential
 * lookup: from memory on PGlite, one query on Postgres — which also reads `failures`' count, when given), with its bookkeeping: the throttled last
 * use, the first use, a dead secret's timeline entry, and the usage counts (in memory). Null for
 * anything that is not a live secret. Used by bearer authentication and by introspection, so both
 * answer alike and count alike. `requiredScopes`: what the call needs (none for a bearer call to
 * this API); `granted` says whether the token holds them, and the usage counts a denial when not.
 */
export async function checkPresentedToken(
  deps: AppDeps,
  secret: string,
  origin: RequestOrigin,
  {
    via,
    requiredScopes,
    failures,
  }: { via: 'bearer' | 'introspection'; requiredScopes: readonly string[]; failures?: FailureGate },
): Promise<{ credential: TokenCredential; granted: boolean } | null> {
  // Checksum first: look-alikes and typos never reach the database.
  if (!parseSecret(secret, deps.tokenPrefix)) {
    await failures?.refuseWhenFull(null);
    return null;
  }
  const now = deps.clock.now();
  const digest = digestSecret(secret, deps.hmacSecret);
  const { credential, windowCount } = await deps.credentials.findWithWindow(digest, now, failures?.window);
  // The failure limit refuses before anything about the credential is answered or recorded.
  await failures?.refuseWhenFull(windowCount);
  if (!credential || !secretsMatch(credential.digest, digest)) return null;
  const use = { apiKeyId: credential.apiKeyId, at: now, scopes: requiredScopes, via, ...origin };
  const rejection = rejectionOf(credential);
  if (rejection) {
    deps.usage.record({ ...use, outcome: 'rejected' });
    // Who is still presenting a dead secret: the owner sees it on the token's timeline.
    await bookkeeping(deps, credential.apiKeyId, () => recordRejectedAttempt(deps.db, credential.apiKeyId, now, origin, rejection));
    return null;
  }
  const granted = requiredScopes.every((scope) => grantsScope(credential.scopes, scope));
  deps.usage.record({ ...use, outcome: granted ? 'success' : 'denied' });
  await bookkeeping(deps, credential.apiKeyId, async () => {
    if (!credential.usedWithinThrottle) {
      deps.credentials.noteUse(digest, now, await recordTokenUse(deps.db, credential.apiKeyId, { now, ...origin }));
    }
    if (credential.neverUsed) await recordFirstUse(deps.db, credential.apiKeyId, now, origin);
    if (credential.matched === 'previous') await countPreviousSecretUse(deps.db, credential.apiKeyId);
  });
  return { credential, granted };
}

function rejectionOf(credential: TokenCredential): RejectionReason | null {
  if (credential.status !== 'active') return credential.status;
  if (credential.matched === 'previous' && !credential.previousValid) return 'previous_secret';
  return null;
}

/** Bookkeeping must never fail the caller's request. */
async function bookkeeping(deps: AppDeps, apiKeyId: string, write: () => Promise<void>) {
  try {
    await write();
  } catch (error) {
    deps.logger.warn('Could not record token use', { apiKeyId, ...errorForLog(error) });
  }
}

const unknownIp = 'unknown';

const userAgentOf = (c: Context) => c.req.header('User-Agent')?.slice(0, 512) ?? null;

/** Who is calling from where, as sessions and token timelines record it. */
export const requestOrigin = (c: Context): RequestOrigin => ({ ip: clientIp(c), userAgent: userAgentOf(c) });

/** The client's address as `resolveClientAddress` found it (behind a trusted proxy, from `X-Forwarded-For`). */
export const rateLimitKeyOfIp = (c: Context) => clientIp(c) ?? unknownIp;

const clientIp = (c: Context): string | null => (c as Context<AppEnv>).get('clientIp') ?? null;

/** Any signed-in caller: session or token. */
export const requireCaller = (deps: AppDeps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('caller', await authenticate(c, deps));
    await next();
  });

/** Token management: a token must not be able to mint or revoke tokens. */
export const requireSession = (deps: AppDeps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const caller = await authenticate(c, deps);
    if (caller.method !== 'session') {
      throw new ApiError(
        403,
        'permission_error',
        'Managing tokens needs a signed-in session; a token cannot create or revoke tokens.',
      );
    }
    c.set('caller', caller);
    await next();
  });

/**
 * Admins only, checked before anything else is looked at: a member gets the same 403 whatever the
 * ids, filters or body, so nothing about other people's tokens can be learned from the answer.
 * Runs after `requireSession` or `requireCaller`, which set the caller. `what` ends the message:
 * "Only workspace admins can <what>."
 */
export const requireAdminTo = (what: string) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.get('caller').user.role !== 'admin') throw new ApiError(403, 'permission_error', `Only workspace admins can ${what}.`);
    await next();
  });

export const requireAdmin = requireAdminTo('review everyone’s tokens');
