import { useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Outlet, useNavigate, useOutletContext } from 'react-router';
import type { User } from '../../contract/users';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { LoadingRegion, Skeleton } from '../../components/ui/skeleton';
import { Wordmark } from '../../components/wordmark';
import { authMutations, authQueries } from '../../features/auth/api';
import { isApiError } from '../../lib/api-client';
import { MainNavLink } from './main-nav-link';

// Only a member who manages a service account sees its link: the list and its contract come on demand.
// If that code can't arrive, the navigation just goes without the link.
const ServiceAccountsNavLink = lazy(() =>
  import('./service-accounts-nav-link').then(
    (module) => ({ default: module.ServiceAccountsNavLink }),
    () => ({ default: () => null }),
  ),
);

type AppLayoutContext = { user: User };

/** The signed-in user, for any page inside the app layout. */
export function useSignedInUser(): User {
  return useOutletContext<AppLayoutContext>().user;
}

/** The signed-in shell: header, navigation and the page. Signed-out visitors are sent to sign in. */
export function AppLayout() {
  const me = useQuery(authQueries.me());

  if (!me.data) {
    // A 401 is handled by the query client (off to sign-in); show the calm skeleton meanwhile.
    if (me.isError && !(isApiError(me.error) && me.error.status === 401)) {
      return (
        <AppUnavailable
          message={isApiError(me.error) ? me.error.message : undefined}
          onRetry={() => void me.refetch()}
          retrying={me.isFetching}
        />
      );
    }
    return <AppSkeleton />;
  }

  const { user } = me.data;
  return (
    <Shell user={user}>
      <Outlet context={{ user } satisfies AppLayoutContext} />
    </Shell>
  );
}

function Shell({ user, children }: { user: User; children: ReactNode }) {
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only rounded-lg bg-white px-4 py-2 text-sm font-medium text-zinc-900 shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 dark:bg-zinc-900 dark:text-white"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-3 px-4 sm:px-6">
          <Link to="/" className="rounded-md" aria-label="Keyline home">
            <Wordmark />
          </Link>
          <div className="flex min-w-0 items-center gap-2 sm:gap-3">
            <span className="flex min-w-0 items-center gap-2 text-sm">
              <span className="sr-only">Signed in as</span>
              <span className="truncate font-medium text-zinc-800 dark:text-zinc-200">{user.username}</span>
              <Badge tone={user.role === 'admin' ? 'accent' : 'neutral'}>{user.role === 'admin' ? 'Admin' : 'Member'}</Badge>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-7xl lg:flex lg:gap-8 lg:px-6">
        <MainNav role={user.role} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-8 outline-none sm:px-6 lg:px-0 lg:py-10">
          {children}
        </main>
      </div>
    </div>
  );
}

type NavSection = { label: string; links: { to: string; label: string }[] };

/** Named by what each page holds. Members have no workspace review: their settings page is the policy they work within. */
function navSectionsFor(role: User['role']): NavSection[] {
  return [
    {
      label: 'Account',
      links: [
        { to: '/account/integrations', label: 'Personal access tokens' },
        { to: '/account/security', label: 'Security' },
      ],
    },
    {
      label: 'Settings',
      links: [
        ...(role === 'admin' ? [{ to: '/settings/api-tokens', label: 'API tokens' }] : []),
        { to: '/settings/token-policy', label: 'Token policy' },
        { to: '/settings/members', label: 'Members' },
        ...(role === 'admin' ? [{ to: '/settings/webhooks', label: 'Webhooks' }] : []),
        // Admins manage every service account; a member's link depends on theirs (ServiceAccountsNavLink).
        ...(role === 'admin' ? [{ to: '/settings/service-accounts', label: 'Service accounts' }] : []),
      ],
    },
  ];
}

/** One nav for every width: a sidebar on wide screens, a compact row under the header on phones. */
function MainNav({ role }: { role: User['role'] }) {
  const navSections = navSectionsFor(role);
  return (
    <nav
      aria-label="Main"
      className="border-b border-zinc-200 px-4 sm:px-6 lg:w-56 lg:shrink-0 lg:border-b-0 lg:px-0 lg:py-10 dark:border-zinc-800"
    >
      <div className="flex flex-wrap gap-x-1 py-2 lg:flex-col lg:gap-6 lg:py-0">
        {navSections.map((section) => (
          <div key={section.label}>
            <p id={`nav-${section.label}`} className="mb-1 hidden px-3 text-xs font-semibold tracking-wide text-zinc-600 uppercase lg:block dark:text-zinc-400">
              {section.label}
            </p>
            <ul aria-labelledby={`nav-${section.label}`} className="flex flex-wrap gap-1 lg:flex-col">
              {section.links.map((link) => (
                <li key={link.to}>
                  <MainNavLink to={link.to}>{link.label}</MainNavLink>
                </li>
              ))}
              {section.label === 'Settings' && role !== 'admin' ? (
                <Suspense fallback={null}>
                  <ServiceAccountsNavLink />
                </Suspense>
              ) : null}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}

function SignOutButton() {
  const navigate = useNavigate();
  const signOut = useMutation(authMutations.signOut());
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSuccess: () => void navigate('/sign-in', { replace: true }) })}
      >
        {signOut.isPending ? 'Signing out…' : 'Sign out'}
      </Button>
      {signOut.isError ? (
        <p role="alert" className="sr-only text-xs text-red-700 sm:not-sr-only dark:text-red-300">
          Couldn’t sign out. Try again.
        </p>
      ) : null}
    </>
  );
}

function AppSkeleton() {
  return (
    <LoadingRegion label="Loading Keyline…" className="min-h-dvh">
      <div className="border-b border-zinc-200 dark:border-zinc-800">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between px-4 sm:px-6">
          <Skeleton className="h-7 w-28" />
          <Skeleton className="h-7 w-36" />
        </div>
      </div>
      <div className="mx-auto flex max-w-7xl gap-8 px-4 py-10 sm:px-6">
        <div className="hidden w-56 shrink-0 space-y-3 lg:block">
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-8 w-full" />
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-8 w-full" />
        </div>
        <div className="flex-1 space-y-4">
          <Skeleton className="h-8 w-48" />
          <Skeleton className="h-4 w-full max-w-lg" />
          <Skeleton className="h-48 w-full rounded-xl" />
        </div>
      </div>
    </LoadingRegion>
  );
}

function AppUnavailable({ message, onRetry, retrying }: { message?: string; onRetry: () => void; retrying: boolean }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 sm:py-24">
      <Wordmark className="mb-8" />
      <h1 className="mb-4 text-2xl font-semibold tracking-tight text-zinc-900 dark:text-white">Keyline isn’t available</h1>
      <Alert
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Trying again…' : 'Try again'}
          </Button>
        }
      >
        {message ?? 'We couldn’t load your account. Try again in a moment.'}
      </Alert>
    </main>
  );
}
