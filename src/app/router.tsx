import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, Outlet, useNavigation, type DataRouter, type RouteObject } from 'react-router';
import { LoadFailedNotice } from '../components/load-failed-notice';
import { authQueries } from '../features/auth/api';
import { defaultSignedInPath } from '../features/auth/utils/safe-next-path';
import type { SignInState } from '../features/auth/utils/sign-in-state';
import { interruptCreateDraft } from '../features/tokens/utils/create-draft';
import { AppLayout } from './layouts/app-layout';
import { createImportRetry, useImportFailed } from '../lib/retryable-import';
import { RouteError } from './route-error';
import { NotFoundRoute } from './routes/not-found';

export const signInPath = '/sign-in';

// Each page is its own chunk: a visit loads the code of the page it opens, not of all of them. A chunk
// that fails to arrive does not fail the navigation (that would put "Something went wrong" in place of
// the page): the navigation waits, the page stays, and PageShell offers Retry.
const pageImports = createImportRetry();
const pages = {
  // A signed-in visit never needs the sign-in form.
  signIn: pageImports.once(() => import('./routes/sign-in')),
  integrations: pageImports.once(() => import('./routes/integrations')),
  tokenDetail: pageImports.once(() => import('./routes/token-detail')),
  apiTokensSettings: pageImports.once(() => import('./routes/api-tokens-settings')),
  tokenPolicySettings: pageImports.once(() => import('./routes/token-policy-settings')),
  membersSettings: pageImports.once(() => import('./routes/members-settings')),
  invite: pageImports.once(() => import('./routes/invite')),
  activate: pageImports.once(() => import('./routes/activate')),
  accountSecurity: pageImports.once(() => import('./routes/account-security')),
  webhooksSettings: pageImports.once(() => import('./routes/webhooks-settings')),
  serviceAccountsSettings: pageImports.once(() => import('./routes/service-accounts-settings')),
  serviceAccountDetail: pageImports.once(() => import('./routes/service-account-detail')),
};

/** The page, and while a page's code fails to arrive, "Couldn't open — check your connection" with Retry over it. */
function PageShell() {
  const navigation = useNavigation();
  const failed = useImportFailed(pageImports);
  return (
    <>
      <Outlet />
      {/* Only while that navigation is still wanted: going elsewhere instead drops the notice. */}
      {failed && navigation.state === 'loading' ? <LoadFailedNotice onRetry={pageImports.retry} /> : null}
    </>
  );
}

/** The first visit, before any page's code is in: nothing (it takes a moment), or the notice if it can't arrive. */
function FirstPageFallback() {
  const failed = useImportFailed(pageImports);
  return failed ? <LoadFailedNotice onRetry={pageImports.retry} /> : null;
}

/** Loads every page's code now. Tests: so that a test's first query does not also wait for the page's module graph. */
export async function preloadPages(): Promise<void> {
  await Promise.all(Object.values(pages).map((load) => load()));
}

/**
 * The app's routes. Loaders only start queries (never await them): `/api/auth/me` goes out with the
 * layout, a page's first data as soon as its chunk is in — not after the layout has waited for the
 * user and the page has rendered — and a page shows its own loading state. A page's loader lives in
 * its module and comes with it from `lazy`.
 */
export const appRoutes = (queryClient: QueryClient): RouteObject[] => [
  {
    element: <PageShell />,
    // Last line of defence: an error outside the signed-in shell.
    errorElement: <RouteError standalone />,
    HydrateFallback: FirstPageFallback,
    children: [
      { path: signInPath, lazy: async () => ({ Component: (await pages.signIn()).SignInRoute }) },
      // An invite or password-reset link: opened signed out, by the person it was made for.
      { path: 'invite/:code', lazy: async () => ({ Component: (await pages.invite()).InviteRoute }) },
      {
        element: <AppLayout />,
        loader: () => {
          void queryClient.prefetchQuery(authQueries.me());
          return null;
        },
        children: [
          {
            // Errors inside a page keep the header and navigation around them.
            errorElement: <RouteError />,
            children: [
              { index: true, element: <Navigate to={defaultSignedInPath} replace /> },
              {
                path: 'account/integrations',
                lazy: async () => {
                  const page = await pages.integrations();
                  return { Component: page.IntegrationsRoute, loader: page.integrationsLoader(queryClient) };
                },
              },
              {
                path: 'account/integrations/tokens/:id',
                lazy: async () => {
                  const page = await pages.tokenDetail();
                  return { Component: page.TokenDetailRoute, loader: page.tokenDetailLoader(queryClient) };
                },
              },
              {
                path: 'account/security',
                lazy: async () => {
                  const page = await pages.accountSecurity();
                  return { Component: page.AccountSecurityRoute, loader: page.accountSecurityLoader(queryClient) };
                },
              },
              {
                path: 'settings/api-tokens',
                lazy: async () => {
                  const page = await pages.apiTokensSettings();
                  return { Component: page.ApiTokensSettingsRoute, loader: page.apiTokensSettingsLoader(queryClient) };
                },
              },
              {
                path: 'settings/token-policy',
                lazy: async () => {
                  const page = await pages.tokenPolicySettings();
                  return { Component: page.TokenPolicySettingsRoute, loader: page.tokenPolicySettingsLoader(queryClient) };
                },
              },
              {
                path: 'settings/members',
                lazy: async () => {
                  const page = await pages.membersSettings();
                  return { Component: page.MembersSettingsRoute, loader: page.membersSettingsLoader(queryClient) };
                },
              },
              {
                path: 'settings/webhooks',
                lazy: async () => {
                  const page = await pages.webhooksSettings();
                  return { Component: page.WebhooksSettingsRoute, loader: page.webhooksSettingsLoader(queryClient) };
                },
              },
              {
                path: 'settings/service-accounts',
                lazy: async () => {
                  const page = await pages.serviceAccountsSettings();
                  return { Component: page.ServiceAccountsSettingsRoute, loader: page.serviceAccountsSettingsLoader(queryClient) };
                },
              },
              { path: 'settings/service-accounts/:id', lazy: async () => ({ Component: (await pages.serviceAccountDetail()).ServiceAccountDetailRoute }) },
              // A device login's approval: inside the shell, so a signed-out visitor signs in and comes back.
              {
                path: 'activate',
                lazy: async () => {
                  const page = await pages.activate();
                  return { Component: page.ActivateRoute, loader: page.activateLoader(queryClient) };
                },
              },
              { path: '*', element: <NotFoundRoute /> },
            ],
          },
        ],
      },
    ],
  },
];

export function createAppRouter(queryClient: QueryClient): DataRouter {
  return createBrowserRouter(appRoutes(queryClient));
}

/**
 * What a 401 anywhere does: forget everything cached for the ended session (or the sign-in page would
 * see a stale "signed in" and bounce straight back), then go to sign-in, remembering where we were.
 * When someone was signed in, the sign-in page says their session expired and keeps their username
 * (in the navigation's state: in memory, not the URL). Registered once with the query client. On the
 * sign-in page a 401 is the expected answer: nothing happens.
 */
export function sendToSignIn(router: DataRouter, queryClient: QueryClient): void {
  const { pathname, search } = router.state.location;
  // Already there, or on the way (a second 401 while the first one's navigation loads must not
  // replace it with one that has forgotten who was signed in).
  if (pathname === signInPath || router.state.navigation.location?.pathname === signInPath) return;
  const username = queryClient.getQueryData(authQueries.me().queryKey)?.user.username;
  // A create on its way keeps what was typed, to reopen with after signing in (memory only, no secret).
  interruptCreateDraft();
  queryClient.removeQueries();
  const here = `${pathname}${search}`;
  const target = here === '/' ? signInPath : `${signInPath}?${new URLSearchParams({ next: here }).toString()}`;
  const state: SignInState | undefined = username ? { sessionExpired: true, username } : undefined;
  void router.navigate(target, { replace: true, state });
}
