import { userStatuses, type UserStatus } from '../../../contract/members';
import { roles, type Role } from '../../../contract/users';
import type { MemberFilters } from '../api';

/** The filters from the URL; anything unknown there is ignored rather than sent. */
export function parseMemberFilters(params: URLSearchParams): MemberFilters {
  const role = params.get('role');
  const status = params.get('status');
  const q = params.get('q')?.trim().slice(0, 64);
  return {
    ...(q ? { q } : {}),
    ...((roles as readonly string[]).includes(role ?? '') ? { role: role as Role } : {}),
    ...((userStatuses as readonly string[]).includes(status ?? '') ? { status: status as UserStatus } : {}),
  };
}
