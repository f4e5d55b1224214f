import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { routes } from '../../src/contract/paths';
import { defaultSignedInPath, ssoErrorParam, ssoStartQuerySchema, type SsoErrorCode, type SsoInfo } from '../../src/contract/sso';
import type { AppDeps, AppEnv } from '../context';
import { recordSignIn } from '../db/members';
import { createSession } from '../db/sessions';
import { signInWithIdentity, storePendingSsoSignIn, takePendingSsoSignIn } from '../db/sso';
import { ApiError, notFound, rejectInvalid } from '../errors';
import { rateLimitKeyOfIp, requestOrigin, sessionLifetimeMs, setSessionCookie } from '../middleware/auth';
import { createRelyingParty, roleFromGroups, SsoFailure, type OidcConfig } from '../sso/relying-party';

/** How long someone may take at the provider before the sign-in must start again. */
export const ssoSignInLifetimeMs = 10 * 60 * 1000;


const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Ties a sign-in to the browser that started it: a callback URL sent to someone else signs nobody in (login CSRF). */
const bindingCookieName = (secure: boolean) => (secure ? '__Host-keyline_sso' : 'keyline_sso');

/**
 * Single sign-on with OpenID Connect. `/start` and `/callback` are browser navigations, not API
 * calls: their failures send the browser back to the sign-in page with a short code to explain
 * (`?sso_error=expired`), never with anything the provider sent. Only a `returnTo` that is not a
 * path on this site is answered in the error envelope: the SPA never sends one, so that is no person's mistake.
 */
export const ssoRoutes = (deps: AppDeps, config: OidcConfig | undefined) => {
  const relyingParty = config ? createRelyingParty(config, deps.logger) : null;
  const requireConfigured = () => {
    if (!relyingParty) throw notFound();
    return relyingParty;
  };
  const redirectUri = (c: Context) => new URL(routes.ssoCallback, deps.publicUrl ?? new URL(c.req.url).origin).toString();
  const backToSignIn = (c: Context, code: SsoErrorCode, returnTo?: string) => {
    const query = new URLSearchParams({ [ssoErrorParam]: code });
    if (returnTo && returnTo !== defaultSignedInPath) query.set('next', returnTo);
    return c.redirect(`/sign-in?${query.toString()}`, 302);
  };
  /** A per-IP limit on a navigation: a full window says so on the sign-in page instead of in JSON. */
  const withinLimit = async (name: 'ssoStartsPerIp' | 'ssoCallbacksPerIp', c: Context) => {
    try {
      await deps.rateLimiter.consume(name, rateLimitKeyOfIp(c));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) return false;
      throw error;
    }
  };

  return new Hono<AppEnv>()
    .get('/', (c) => c.json({ provider: relyingParty ? { name: relyingParty.name } : null, passwordSignIn: config?.passwordSignIn !== false } satisfies SsoInfo))
    .get('/start', zValidator('query', ssoStartQuerySchema, rejectInvalid), async (c) => {
      const rp = requireConfigured();
      const returnTo = c.req.valid('query').returnTo ?? defaultSignedInPath;
      if (!(await withinLimit('ssoStartsPerIp', c))) return backToSignIn(c, 'rate_limited', returnTo);
      let beginning;
      try {
        beginning = await rp.begin(redirectUri(c));
      } catch (error) {
        if (error instanceof SsoFailure) return backToSignIn(c, error.code, returnTo);
        throw error;
      }
      const browserBinding = randomBytes(32).toString('base64url');
      const now = deps.clock.now();
      await storePendingSsoSignIn(deps.db, {
        stateHash: digest(beginning.state),
        browserHash: digest(browserBinding),
        nonce: beginning.nonce,
        codeVerifier: beginning.codeVerifier,
        returnTo,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ssoSignInLifetimeMs),
      });
      setCookie(c, bindingCookieName(deps.secureCookies), browserBinding, {
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
        sameSite: 'Lax',
        path: '/',
        secure: deps.secureCookies,
        maxAge: ssoSignInLifetimeMs / 1000,
      });
      return c.redirect(beginning.url.toString(), 302);
    })
    .get('/callback', async (c) => {
      const rp = requireConfigured();
      if (!(await withinLimit('ssoCallbacksPerIp', c))) return backToSignIn(c, 'rate_limited');
      const cookieName = bindingCookieName(deps.secureCookies);
      const browserBinding = getCookie(c, cookieName);
      deleteCookie(c, cookieName, { path: '/', secure: deps.secureCookies, httpOnly: true, sameSite: 'Lax' });
      const state = c.req.query('state');
      const now = deps.clock.now();
      // Taken (and so spent) before anything else is checked: a state works once, whatever happens next.
      const pending = state && state.length <= 512 ? await takePendingSsoSignIn(deps.db, digest(state), now) : null;
      if (!pending || !browserBinding || !timingSafeEqual(digest(browserBinding), pending.browserHash)) return backToSignIn(c, 'expired');
      const { returnTo } = pending;
      const providerError = c.req.query('error');
      if (providerError !== undefined) return backToSignIn(c, providerError === 'access_denied' ? 'denied' : 'failed', returnTo);

      // The provider's answer as it was sent to us, on the redirect URI it was sent to.
      const callbackUrl = new URL(redirectUri(c));
      callbackUrl.search = new URL(c.req.url).search;
      let claims;
      try {
        claims = await rp.finish(callbackUrl, { state: state ?? '', nonce: pending.nonce, codeVerifier: pending.codeVerifier });
      } catch (error) {
        if (error instanceof SsoFailure) return backToSignIn(c, error.code, returnTo);
        throw error;
      }

      const result = await signInWithIdentity(deps.db, claims, now, {
        autoCreate: config?.autoCreate,
        roleFromGroups: roleFromGroups(claims.groups, config?.adminGroups),
      });
      if (!result.ok) {
        deps.logger.info('Single sign-on refused', { reason: result.reason });
        return backToSignIn(c, result.reason, returnTo);
      }
      await recordSignIn(deps.db, result.user.id, now);
      const sessionId = await createSession(deps.db, result.user.id, now, new Date(now.getTime() + sessionLifetimeMs), requestOrigin(c));
      setSessionCookie(c, deps, sessionId);
      // Who signed in, for the request log line.
      c.set('caller', { method: 'session', user: result.user, sessionId });
      return c.redirect(returnTo, 302);
    });
};
