import type { QueryClient } from '@tanstack/react-query';
import { flushSync } from 'react-dom';
import { RouterProvider, type DataRouter } from 'react-router';
import { DemoContext, DemoRibbon, type DemoCredentials } from './demo';
import { Providers } from './providers';

/*
 * `RouterProvider` from 'react-router' with react-dom's flushSync is what 'react-router/dom' exports.
 * We import it from the main entry so tests (Vitest resolves the two entries to different builds)
 * share one router context with the hooks.
 */
const syncFlush = (fn: () => unknown): undefined => {
  flushSync(fn);
};

type AppProps = {
  router: DataRouter;
  queryClient: QueryClient;
  /** Only in demo mode: shows the ribbon and the demo account on the sign-in page. */
  demo?: DemoCredentials | null;
};

export function App({ router, queryClient, demo = null }: AppProps) {
  return (
    <Providers queryClient={queryClient}>
      <DemoContext value={demo}>
        {/* A build-time constant: production bundles drop the ribbon altogether. */}
        {import.meta.env.MODE === 'demo' && demo ? <DemoRibbon /> : null}
        <RouterProvider router={router} flushSync={syncFlush} />
      </DemoContext>
    </Providers>
  );
}
