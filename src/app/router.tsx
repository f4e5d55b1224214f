import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, type DataRouter, type RouteObject } from 'react-router';
import { authQueries } from '../features/auth/api';
import { defaultSignedInPath } from '../features/auth/utils/safe-next-path';
import { AppLayout } from './layouts/app-layout';
import { RouteError } from './route-error';
import { NotFoundRoute } from './routes/not-found';

export const signInPath = '/sign-in';

// Each page is its own chunk: a visit loads the code of the page it opens, not of all of them.
const pages = {
  // A signed-in visit never needs the sign-in form.
  signIn: () => import('./routes/sign-in'),
  integrations: () => import('./routes/integrations'),
  tokenDetail: () => import('./routes/token-detail'),
  apiTokensSettings: () => import('./routes/api-tokens-settings'),
  membersSettings: () => import('./routes/members-settings'),
  invite: () => import('./routes/invite'),
};

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
    // Last line of defence: an error outside the signed-in shell.
    errorElement: <RouteError standalone />,
    // While a lazy page's chunk loads on the first visit: nothing (it takes a moment on loopback).
    HydrateFallback: () => null,
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
              { path: 'account/integrations/tokens/:id', lazy: async () => ({ Component: (await pages.tokenDetail()).TokenDetailRoute }) },
              {
                path: 'settings/api-tokens',
                lazy: async () => {
                  const page = await pages.apiTokensSettings();
                  return { Component: page.ApiTokensSettingsRoute, loader: page.apiTokensSettingsLoader(queryClient) };
                },
              },
              {
                path: 'settings/members',
                lazy: async () => {
                  const page = await pages.membersSettings();
                  return { Component: page.MembersSettingsRoute, loader: page.membersSettingsLoader(queryClient) };
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
 * Registered once with the query client. On the sign-in page a 401 is the expected answer: nothing happens.
 */
export function sendToSignIn(router: DataRouter, queryClient: QueryClient): void {
  const { pathname, search } = router.state.location;
  if (pathname === signInPath) return;
  queryClient.removeQueries();
  const here = `${pathname}${search}`;
  const target = here === '/' ? signInPath : `${signInPath}?${new URLSearchParams({ next: here }).toString()}`;
  void router.navigate(target, { replace: true });
}
