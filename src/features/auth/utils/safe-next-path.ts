export const defaultSignedInPath = '/account/integrations';

/**
 * The `next` of `/sign-in?next=…`, if it is a path on this origin; otherwise the default.
 * Rejects absolute and protocol-relative URLs (`https://evil.example`, `//evil.example`, `/\evil.example`)
 * so the sign-in page can't be used as an open redirect.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return defaultSignedInPath;
  // Control characters (tabs, newlines) are stripped by URL parsers and can turn `/\t/x` into `//x`.
  if ([...next].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return defaultSignedInPath;
  const base = 'https://keyline.invalid';
  const url = new URL(next, base);
  if (url.origin !== base || url.pathname === '/sign-in') return defaultSignedInPath;
  return `${url.pathname}${url.search}${url.hash}`;
}
