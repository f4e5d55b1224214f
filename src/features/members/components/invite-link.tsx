import { useRef } from 'react';
import type { InviteResponse } from '../../../contract/members';
import { Alert } from '../../../components/ui/alert';
import { CopyButton } from '../../../components/ui/copy-button';
import { formatDate } from '../../../lib/relative-time';

/** The one time a link is shown: who it is for, until when, and a way to copy it. */
export function InviteLink({ invite }: { invite: InviteResponse }) {
  const input = useRef<HTMLInputElement>(null);
  const what = invite.purpose === 'invite' ? 'choose a password and join' : 'set a new password';
  return (
    <div className="space-y-3">
      <Alert tone="info" title={`Send this link to ${invite.user.username}`}>
        It lets them {what}. It works once, until {formatDate(new Date(invite.expiresAt))}, and this is the only time it is shown:
        copy it now. A new link replaces it.
      </Alert>
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor="invite-link">
          {invite.purpose === 'invite' ? 'Invite link' : 'Password reset link'}
        </label>
        <input
          ref={input}
          id="invite-link"
          readOnly
          value={invite.inviteUrl}
          onFocus={(event) => event.currentTarget.select()}
          className="block h-10 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-3 font-mono text-xs text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
        />
        <CopyButton text={invite.inviteUrl} label="Copy link" onFallback={() => input.current?.select()} />
      </div>
    </div>
  );
}
