import type * as Oidc from 'openid-client';
import { passwordSignInOffMessage } from '../../src/contract/sso';
import { ApiError } from '../errors';
import { errorForLog, type Logger } from '../runtime';
import { oidcIssuerMayUseHttp } from '../settings';

/** Single sign-on through an OpenID Connect provider: on when an issuer is configured. */
export type OidcConfig = {
  /** The provider's issuer URL (its discovery document is read from `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the sign-in page calls the provider: "Sign in with <name>". */
  name: string;
  /** The ID token claim holding the username a first sign-in is matched by; `email` when it is missing. */
  usernameClaim?: string;
  /** Someone the provider vouches for but nobody added becomes a member on their first sign-in (`member`, the default), or is refused (`off`). */
  autoCreate?: 'member' | 'off';
  /** People in any of these groups are admins, those in none members, at each sign-in through the provider; empty or missing: roles are an admin's decision. */
  adminGroups?: string[];
  /** The claim (ID token, else UserInfo) listing a person's groups; `groups` when missing. */
  groupsClaim?: string;
  /** False: people sign in only through the provider (KEYLINE_PASSWORD_SIGNIN=off). */
  passwordSignIn?: boolean;
};

/**
 * With password sign-in off, every way of choosing or using a password is refused the same way (signing in,
 * accepting an invite or reset link, changing it on My account), before any password is looked at.
 */
export function refuseWhenPasswordSignInOff(oidc: OidcConfig | undefined): void {
  if (oidc && oidc.passwordSignIn === false) throw new ApiError(403, 'permission_error', passwordSignInOffMessage(oidc.name));
}

export const defaultUsernameClaim = 'preferred_username';
export const defaultGroupsClaim = 'groups';

/** Why a sign-in through the provider did not happen, in the words of the sign-in page's codes. */
export class SsoFailure extends Error {
  constructor(readonly code: 'unavailable' | 'failed') {
    super(code);
    this.name = 'SsoFailure';
  }
}

export type SsoBeginning = { url: URL; state: string; nonce: string; codeVerifier: string };
export type SsoChecks = { state: string; nonce: string; codeVerifier: string };
/** `groups`: null when the provider sent no such claim (or the mapping is off), which changes nobody's role. */
export type SsoClaims = { issuer: string; subject: string; username: string | null; groups: string[] | null };

const discoveryTimeoutSeconds = 5;

/**
 * The relying party: builds the authorization request (code flow, PKCE S256, state, nonce) and
 * checks what comes back (state, issuer, code exchange, ID token signature, audience and nonce) with
 * openid-client. The provider's metadata is read once and kept; a failed read is tried again on the
 * next sign-in rather than kept. Nothing here remembers a sign-in: the caller stores the checks.
 */
export function createRelyingParty(config: OidcConfig, logger: Logger) {
  const issuer = new URL(config.issuer);
  const usernameClaim = config.usernameClaim || defaultUsernameClaim;
  let discovered: Promise<{ oidc: typeof Oidc; rp: Oidc.Configuration }> | null = null;
  const usernameOf = (claims: Record<string, unknown>) => {
    const value = [claims[usernameClaim], claims.email].find((claim) => typeof claim === 'string' && claim.length > 0);
    return typeof value === 'string' ? value : null;
  };
  const mapsGroups = (config.adminGroups ?? []).length > 0;
  const groupsClaim = config.groupsClaim || defaultGroupsClaim;
  const groupsOf = (claims: Record<string, unknown>) => groupsIn(claims[groupsClaim]);

  // openid-client is loaded with the first sign-in, like the provider's metadata: a server without single
  // sign-on, and every start, skip its ~50 ms of module evaluation.
  const configuration = () => {
    discovered ??= import('openid-client')
      .then(async (oidc) => ({
        oidc,
        rp: await oidc.discovery(issuer, config.clientId, undefined, oidc.ClientSecretBasic(config.clientSecret), {
          execute: oidcIssuerMayUseHttp(issuer) ? [oidc.allowInsecureRequests] : [],
          timeout: discoveryTimeoutSeconds,
        }),
      }))
      .catch((error: unknown) => {
        discovered = null;
        logger.warn('Could not read the OpenID provider’s configuration', { issuer: issuer.href, ...errorForLog(error), reason: reasonOf(error) });
        throw new SsoFailure('unavailable');
      });
    return discovered;
  };

  return {
    name: config.name,

    async begin(redirectUri: string): Promise<SsoBeginning> {
      const { oidc, rp } = await configuration();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const url = oidc.buildAuthorizationUrl(rp, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, state, nonce, codeVerifier };
    },

    /** Checks the provider's answer at `callbackUrl` against the stored checks and exchanges the code. */
    async finish(callbackUrl: URL, checks: SsoChecks): Promise<SsoClaims> {
      const { oidc, rp } = await configuration();
      try {
        const tokens = await oidc.authorizationCodeGrant(rp, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new SsoFailure('failed');
        let username = usernameOf(claims);
        let groups = mapsGroups ? groupsOf(claims) : null;
        // Many providers put profile claims (and groups) in the UserInfo response only, when an access token comes with the ID token.
        if (username === null || (mapsGroups && groups === null)) {
          const userInfo = await oidc.fetchUserInfo(rp, tokens.access_token, claims.sub);
          username ??= usernameOf(userInfo);
          if (mapsGroups) groups ??= groupsOf(userInfo);
        }
        return { issuer: claims.iss, subject: claims.sub, username, groups };
      } catch (error) {
        if (error instanceof SsoFailure) throw error;
        logger.warn('Single sign-on was refused', { ...errorForLog(error), reason: reasonOf(error) });
        throw new SsoFailure(isNetworkError(error) ? 'unavailable' : 'failed');
      }
    },
  };
}

export type RelyingParty = ReturnType<typeof createRelyingParty>;

/** A groups claim as providers send it: a list of names (a single name is a list of one). Anything else is no claim. */
function groupsIn(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return null;
}

/**
 * The role the provider's groups give someone: admin in any admin group, else member. Null (the
 * role stays as it is) when no admin groups are configured or the provider sent no groups claim, so
 * a provider that stops sending the claim does not demote everyone.
 */
export function roleFromGroups(groups: string[] | null, adminGroups: readonly string[] | undefined): 'admin' | 'member' | null {
  if (!adminGroups || adminGroups.length === 0 || groups === null) return null;
  return groups.some((group) => adminGroups.includes(group)) ? 'admin' : 'member';
}

function isNetworkError(error: unknown): boolean {
  // fetch() fails with a TypeError (cause: ECONNREFUSED…) or an abort on timeout; openid-client passes those through.
  return error instanceof TypeError || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'));
}

/** openid-client's error code (e.g. OAUTH_JWT_CLAIM_COMPARISON_FAILED) or the provider's OAuth error: says what failed, holds no token. */
function reasonOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, error: oauthError } = error as { code?: unknown; error?: unknown };
  if (typeof oauthError === 'string') return oauthError;
  return typeof code === 'string' ? code : undefined;
}
