export const defaultSignedInPath = '/account/integrations';

/** An origin of our own to resolve `next` against: anything that leaves it is not a path on this site. */
const base = 'https://keyline.invalid';

/**
 * The `next` of `/sign-in?next=…`, if it is a path on this origin; otherwise the default.
 * Rejects absolute and protocol-relative URLs (`https://evil.example`, `//evil.example`, `/\evil.example`)
 * so the sign-in page can't be used as an open redirect. The path is normalised the way the URL parser
 * reads it: dot segments (`/.//host`, `/..//host`, `/%2e//host`) can resolve to a protocol-relative `//host`,
 * which the router refuses to navigate to, so that falls back too.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.includes('\\')) return defaultSignedInPath;
  // Control characters (tabs, newlines) are stripped by URL parsers and can turn `/\t/x` into `//x`.
  if ([...next].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return defaultSignedInPath;
  const url = new URL(next, base);
  if (url.origin !== base || url.pathname.startsWith('//') || url.pathname === '/sign-in') return defaultSignedInPath;
  return `${url.pathname}${url.search}${url.hash}`;
}
