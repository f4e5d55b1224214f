import { useInfiniteQuery, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams, type LoaderFunctionArgs } from 'react-router';
import type { Member, UserStatus } from '../../contract/members';
import type { Role } from '../../contract/users';
import { LoadError } from '../../components/load-error';
import { PageHeader, PlusIcon } from '../../components/page-header';
import { Button } from '../../components/ui/button';
import { DebouncedTextField } from '../../components/ui/debounced-text-field';
import { SelectField } from '../../components/ui/select';
import { LoadingRegion, Skeleton } from '../../components/ui/skeleton';
import { memberQueries, type MemberFilters } from '../../features/members/api';
import { AddPersonDialog } from '../../features/members/components/add-person-dialog';
import { ManagePersonDialog } from '../../features/members/components/manage-person-dialog';
import { MemberTable } from '../../features/members/components/member-table';
import { parseMemberFilters } from '../../features/members/utils/member-filters';
import { useNow } from '../../lib/use-now';
import { useSignedInUser } from '../layouts/app-layout';

// Only after "Deactivate…": its code (and the token flows it reuses) loads then.
const MoveTokenToServiceAccount = lazy(async () => ({ default: (await import('./service-account-move-token')).MoveTokenToServiceAccount }));

type Any = 'any';
const roleOptions: { value: Role | Any; label: string }[] = [
  { value: 'any', label: 'All roles' },
  { value: 'admin', label: 'Admins' },
  { value: 'member', label: 'Members' },
];
const statusOptions: { value: UserStatus | Any; label: string }[] = [
  { value: 'any', label: 'All statuses' },
  { value: 'active', label: 'Active' },
  { value: 'invited', label: 'Invited' },
  { value: 'deactivated', label: 'Deactivated' },
];

export const membersSettingsLoader =
  (queryClient: QueryClient) =>
  ({ request }: LoaderFunctionArgs): null => {
    void queryClient.prefetchInfiniteQuery(memberQueries.list(parseMemberFilters(new URL(request.url).searchParams)));
    return null;
  };

export function MembersSettingsRoute() {
  const viewer = useSignedInUser();
  const isAdmin = viewer.role === 'admin';
  const now = useNow();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = parseMemberFilters(searchParams);
  const members = useInfiniteQuery(memberQueries.list(filters));
  const [adding, setAdding] = useState(false);
  const [managing, setManaging] = useState<Member | null>(null);

  function setFilter(name: keyof MemberFilters, value: string) {
    const next = new URLSearchParams(searchParams);
    if (value && value !== 'any') next.set(name, value);
    else next.delete(name);
    setSearchParams(next, { replace: name === 'q' });
  }

  const rows = members.data?.pages.flatMap((page) => page.members) ?? [];
  const total = members.data?.pages[0]?.total ?? 0;
  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      <PageHeader
        title="Members"
        description={
          isAdmin
            ? 'Everyone who can sign in to this workspace. Add people with a one-time invite link; deactivating someone signs them out and revokes their tokens at once.'
            : 'Your membership in this workspace. Only admins can add people or change roles.'
        }
        action={
          isAdmin ? (
            <Button onClick={() => setAdding(true)}>
              <PlusIcon />
              Add person
            </Button>
          ) : undefined
        }
      />

      {isAdmin ? (
        <div className="mb-4 grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
          <DebouncedTextField label="Search by username" placeholder="e.g. dana" value={filters.q ?? ''} onSettle={(value) => setFilter('q', value)} />
          <SelectField label="Role" value={filters.role ?? 'any'} options={roleOptions} onValueChange={(value) => setFilter('role', value)} />
          <SelectField label="Status" value={filters.status ?? 'any'} options={statusOptions} onValueChange={(value) => setFilter('status', value)} />
        </div>
      ) : null}

      {members.isPending ? (
        <LoadingRegion label="Loading people…">
          <div className="space-y-2">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-14 w-full" />
            ))}
          </div>
        </LoadingRegion>
      ) : members.isError ? (
        <LoadError error={members.error} onRetry={() => void members.refetch()} isRetrying={members.isRefetching} subject="people" />
      ) : rows.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 px-6 py-10 text-center dark:border-zinc-700">
          <p className="font-medium text-zinc-900 dark:text-white">{filtered ? 'Nobody matches these filters' : 'Nobody here yet'}</p>
          {filtered ? (
            <Button className="mt-3" variant="secondary" size="sm" onClick={() => setSearchParams(new URLSearchParams())}>
              Clear filters
            </Button>
          ) : null}
        </div>
      ) : (
        <div className="space-y-3">
          {isAdmin ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
              Showing {rows.length} of {total} {total === 1 ? 'person' : 'people'}
            </p>
          ) : null}
          <MemberTable members={rows} now={now} viewerId={viewer.id} onManage={isAdmin ? setManaging : undefined} />
          {members.hasNextPage ? (
            <Button variant="secondary" onClick={() => void members.fetchNextPage()} disabled={members.isFetchingNextPage}>
              {members.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </Button>
          ) : null}
        </div>
      )}

      {isAdmin ? <AddPersonDialog open={adding} onClose={() => setAdding(false)} /> : null}
      {managing ? (
        <ManagePersonDialog
          member={managing}
          now={now}
          viewerId={viewer.id}
          onClose={() => setManaging(null)}
          tokenAction={(token) => (
            <Suspense fallback={null}>
              <MoveTokenToServiceAccount token={token} now={now} />
            </Suspense>
          )}
        />
      ) : null}
    </>
  );
}
