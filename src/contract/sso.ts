import { z } from 'zod/mini';

/** Where people land after signing in when they came with nowhere to go back to. */
export const defaultSignedInPath = '/account/integrations';

/** An origin of our own to resolve `next` against: anything that leaves it is not a path on this site. */
const base = 'https://keyline.invalid';

/**
 * The `next` of `/sign-in?next=…` (and the `returnTo` of single sign-on), if it is a path on this
 * origin; otherwise the default. Rejects absolute and protocol-relative URLs (`https://evil.example`,
 * `//evil.example`, `/\evil.example`) so neither sign-in can be used as an open redirect. The path is
 * normalised the way the URL parser reads it: dot segments (`/.//host`, `/..//host`, `/%2e//host`) can
 * resolve to a protocol-relative `//host`, which the router refuses to navigate to, so that falls back too.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.includes('\\')) return defaultSignedInPath;
  // Control characters (tabs, newlines) are stripped by URL parsers and can turn `/\t/x` into `//x`.
  if ([...next].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return defaultSignedInPath;
  const url = new URL(next, base);
  if (url.origin !== base || url.pathname.startsWith('//') || url.pathname === '/sign-in') return defaultSignedInPath;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A `returnTo` single sign-on accepts: one `safeNextPath` keeps as it is (the SPA only sends those). */
export const isSafeReturnPath = (returnTo: string) => returnTo.length <= 2048 && safeNextPath(returnTo) === returnTo;

/** `GET /api/sso`: how people sign in here — through which provider, and whether with a password too. Public. */
export const ssoInfoSchema = z.object({
  /** Null: single sign-on is not configured. */
  provider: z.nullable(z.object({ name: z.string() })),
  /** False (only with a provider): people sign in through the provider alone; there is no password to enter, choose or change. */
  passwordSignIn: z.boolean(),
});
export type SsoInfo = z.infer<typeof ssoInfoSchema>;

/** The page a browser is sent to for signing in through the provider (a navigation, not a fetch). */
/** `GET /api/sso/start`'s query: where to land once signed in, a path on this site (no open redirect). */
export const ssoStartQuerySchema = z.object({
  returnTo: z.optional(z.string().check(z.refine(isSafeReturnPath, 'Must be a path on this site.'))),
});

export const ssoStartUrl = (startPath: string, returnTo: string) => `${startPath}?${new URLSearchParams({ returnTo }).toString()}`;

/** The query parameter single sign-on's failures come back to `/sign-in` with: a short code, never a token. */
export const ssoErrorParam = 'sso_error';

export const ssoErrorCodes = ['unavailable', 'expired', 'failed', 'denied', 'unknown_user', 'deactivated', 'rate_limited'] as const;
export type SsoErrorCode = (typeof ssoErrorCodes)[number];

const ssoErrorMessages: Record<SsoErrorCode, (provider: string, passwordSignIn: boolean) => string> = {
  unavailable: (provider, passwordSignIn) =>
    `${provider} can’t be reached right now. Try again in a moment${passwordSignIn ? ', or sign in with your password' : ''}.`,
  expired: () => 'That sign-in took too long or was already used. Start again.',
  failed: (provider) => `${provider} answered with something Keyline could not verify, so you were not signed in. Start again.`,
  denied: (provider) => `Signing in through ${provider} was cancelled.`,
  unknown_user: (provider) =>
    `Your ${provider} account isn’t a member of this workspace. Ask an admin of your workspace to add you with the same username.`,
  deactivated: () => 'This account has been deactivated. Ask an admin of your workspace if you need access again.',
  rate_limited: () => 'Too many sign-in attempts from here. Wait a minute, then try again.',
};

/** What the sign-in page says for a code in its query; null for none or one it does not know. */
export function ssoErrorMessage(code: string | null | undefined, providerName: string, passwordSignIn = true): string | null {
  if (!code || !(ssoErrorCodes as readonly string[]).includes(code)) return null;
  return ssoErrorMessages[code as SsoErrorCode](providerName, passwordSignIn);
}

/** Why a password is refused when people sign in only through the provider (sign-in, invite and reset links). */
export const passwordSignInOffMessage = (providerName: string) =>
  `Password sign-in is turned off in this workspace. Sign in with ${providerName} instead.`;

/** The label of the sign-in page's button. */
export const ssoButtonLabel = (providerName: string) => `Sign in with ${providerName}`;
