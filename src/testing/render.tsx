import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter } from 'react-router';
import { App } from '../app/app';
import { appRoutes, preloadPages, sendToSignIn } from '../app/router';
import { createQueryClient } from '../lib/query-client';

// The pages are lazy routes; load them with this module, not inside the first test's timeouts.
await preloadPages();

function createTestQueryClient(onUnauthenticated?: (client: QueryClient) => void): QueryClient {
  const client: QueryClient = createQueryClient({
    onUnauthenticated: () => onUnauthenticated?.(client),
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return client;
}

/** The whole app, at `path`, wired as in production (401 → sign-in) with a fresh query client. */
export function renderApp(path: string) {
  const queryClient = createTestQueryClient((client) => sendToSignIn(router, client));
  const router = createMemoryRouter(appRoutes(queryClient), { initialEntries: [path] });
  const user = userEvent.setup();
  const result = render(<App router={router} queryClient={queryClient} />);
  return { ...result, user, router, queryClient };
}

/** One component inside the providers and a memory router at `path`. */
export function renderWithProviders(ui: ReactElement, { path = '/' }: { path?: string } = {}) {
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: [path] });
  const queryClient = createTestQueryClient();
  const user = userEvent.setup();
  const result = render(<App router={router} queryClient={queryClient} />);
  return { ...result, user, router, queryClient };
}
