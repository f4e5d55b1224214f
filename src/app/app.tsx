import type { QueryClient } from '@tanstack/react-query';
import { flushSync } from 'react-dom';
import { RouterProvider, type DataRouter } from 'react-router';
import { Providers } from './providers';

/*
 * `RouterProvider` from 'react-router' with react-dom's flushSync is what 'react-router/dom' exports.
 * We import it from the main entry so tests (Vitest resolves the two entries to different builds)
 * share one router context with the hooks.
 */
const syncFlush = (fn: () => unknown): undefined => {
  flushSync(fn);
};

export function App({ router, queryClient }: { router: DataRouter; queryClient: QueryClient }) {
  return (
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} flushSync={syncFlush} />
    </Providers>
  );
}
