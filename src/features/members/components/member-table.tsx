import type { Member, UserStatus } from '../../../contract/members';
import { RelativeTime } from '../../../components/relative-time';
import { formatTimeAgo } from '../../../lib/relative-time';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';

const statusBadges: Record<UserStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  invited: { label: 'Invited', tone: 'info' },
  deactivated: { label: 'Deactivated', tone: 'neutral' },
};

export function MemberStatusBadge({ status }: { status: UserStatus }) {
  const { label, tone } = statusBadges[status];
  return <Badge tone={tone}>{label}</Badge>;
}

type MemberTableProps = {
  members: Member[];
  now: Date;
  viewerId: string;
  /** Admins manage people; without it the table is read-only. */
  onManage?: (member: Member) => void;
};

/** People: one row each, with what an admin looks at before changing anything. Props only. */
export function MemberTable({ members, now, viewerId, onManage }: MemberTableProps) {
  // relative: the sr-only header text is absolutely placed, and would otherwise widen the page past the scroll box.
  return (
    <div className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">People in this workspace</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900/60 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Person</th>
            <th scope="col" className="px-4 py-3 font-medium">Status</th>
            <th scope="col" className="px-4 py-3 font-medium">Live tokens</th>
            <th scope="col" className="px-4 py-3 font-medium">Last sign-in</th>
            <th scope="col" className="px-4 py-3 font-medium">Added</th>
            {onManage ? (
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {members.map((member) => (
            <tr key={member.id} className="align-top">
              <td className="px-4 py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium whitespace-nowrap text-zinc-900 dark:text-white">{member.username}</span>
                  {member.id === viewerId ? <span className="text-xs text-zinc-500 dark:text-zinc-400">(you)</span> : null}
                </div>
                <div className="mt-1">
                  <Badge tone={member.role === 'admin' ? 'accent' : 'neutral'}>{member.role === 'admin' ? 'Admin' : 'Member'}</Badge>
                </div>
              </td>
              <td className="px-4 py-3">
                <MemberStatusBadge status={member.status} />
              </td>
              <td className="px-4 py-3 text-zinc-700 dark:text-zinc-300">
                <span className="tabular-nums">{member.liveTokens}</span>
                {member.lastTokenUseAt ? (
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                    last used <RelativeTime date={member.lastTokenUseAt} now={now}>{formatTimeAgo(new Date(member.lastTokenUseAt), now)}</RelativeTime>
                  </span>
                ) : member.liveTokens > 0 ? (
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">never used</span>
                ) : null}
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-zinc-700 dark:text-zinc-300">
                {member.lastSignInAt ? <RelativeTime date={member.lastSignInAt} now={now}>{formatTimeAgo(new Date(member.lastSignInAt), now)}</RelativeTime> : <span className="text-zinc-500 dark:text-zinc-400">Never</span>}
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-zinc-700 dark:text-zinc-300">
                <RelativeTime date={member.createdAt} now={now}>{formatTimeAgo(new Date(member.createdAt), now)}</RelativeTime>
              </td>
              {onManage ? (
                <td className="px-4 py-3 text-right">
                  <Button variant="secondary" size="sm" onClick={() => onManage(member)} aria-label={`Manage ${member.username}`}>
                    Manage
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
