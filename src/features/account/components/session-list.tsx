import type { AccountSession } from '../../../contract/account';
import { describeBrowser } from '../../../contract/user-agent';
import { LoadError } from '../../../components/load-error';
import { RelativeTime } from '../../../components/relative-time';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { formatTimeAgo } from '../../../lib/relative-time';

type SessionListProps = {
  sessions: AccountSession[] | undefined;
  isPending: boolean;
  /** Why the list could not be loaded (null when it could). */
  error: unknown;
  onRetry: () => void;
  isRetrying?: boolean;
  now: Date;
  /** The session being signed out, if any: its button says so. */
  signingOutId: string | null;
  /** Why the last sign-out failed, shown above the list. */
  signOutError: string | null;
  onSignOut: (session: AccountSession) => void;
  onSignOutOthers: () => void;
};

/** Where I am signed in: this device first, then the others with a Sign out each. Props only. */
export function SessionList({ sessions, isPending, error, onRetry, isRetrying, now, signingOutId, signOutError, onSignOut, onSignOutOthers }: SessionListProps) {
  if (isPending) {
    return (
      <LoadingRegion label="Loading sessions…">
        <div className="space-y-2">
          {[0, 1].map((i) => (
            <Skeleton key={i} className="h-16 w-full" />
          ))}
        </div>
      </LoadingRegion>
    );
  }
  if (!sessions) return <LoadError error={error} onRetry={onRetry} isRetrying={isRetrying} subject="your sessions" />;
  const others = sessions.filter((session) => !session.current);
  return (
    <div className="space-y-4">
      {signOutError ? <Alert tone="error">{signOutError}</Alert> : null}
      <ul aria-label="Sessions" className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {sessions.map((session) => {
          const browser = describeBrowser(session.userAgent);
          return (
            <li key={session.id} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-zinc-900 dark:text-white">{browser}</span>
                  {session.current ? <Badge tone="success">This device</Badge> : null}
                </p>
                <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
                  <div className="flex gap-1">
                    <dt>IP</dt>
                    <dd className="font-mono text-zinc-800 dark:text-zinc-200">{session.ip ?? 'unknown'}</dd>
                  </div>
                  <div className="flex gap-1">
                    <dt>Signed in</dt>
                    <dd>
                      <RelativeTime date={session.createdAt} now={now}>{formatTimeAgo(new Date(session.createdAt), now)}</RelativeTime>
                    </dd>
                  </div>
                  <div className="flex gap-1">
                    <dt>Last seen</dt>
                    <dd>
                      {session.current ? (
                        'now'
                      ) : (
                        <RelativeTime date={session.lastSeenAt} now={now}>{formatTimeAgo(new Date(session.lastSeenAt), now)}</RelativeTime>
                      )}
                    </dd>
                  </div>
                </dl>
              </div>
              {session.current ? null : (
                <Button
                  variant="secondary"
                  size="sm"
                  className="self-start sm:self-center"
                  disabled={signingOutId !== null}
                  aria-label={`Sign out ${browser}, last seen ${formatTimeAgo(new Date(session.lastSeenAt), now)}`}
                  onClick={() => onSignOut(session)}
                >
                  {signingOutId === session.id ? 'Signing out…' : 'Sign out'}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {others.length > 0 ? (
        <Button variant="secondary" onClick={onSignOutOthers} disabled={signingOutId !== null}>
          Sign out all other sessions
        </Button>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">You are not signed in anywhere else.</p>
      )}
    </div>
  );
}
