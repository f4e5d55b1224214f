/** What the way to the sign-in page says about why: a session that ended under someone signed in as `username`. */
export type SignInState = { sessionExpired: true; username: string };

/** The navigation state, when it is one of ours (anything else, e.g. a bookmarked visit, is no state at all). */
export function readSignInState(state: unknown): SignInState | null {
  if (typeof state !== 'object' || state === null) return null;
  const { sessionExpired, username } = state as Record<string, unknown>;
  return sessionExpired === true && typeof username === 'string' ? { sessionExpired, username } : null;
}
