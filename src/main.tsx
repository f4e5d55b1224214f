import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import type { DemoCredentials } from './app/demo';
import { createAppRouter, sendToSignIn } from './app/router';
import { createQueryClient } from './lib/query-client';
import './index.css';

async function start() {
  let demo: DemoCredentials | null = null;
  // `npm run demo`: MSW serves the API from a service worker. The check is constant at build time,
  // so a production build contains neither the import nor the handlers.
  if (import.meta.env.MODE === 'demo') {
    const { startDemo } = await import('./testing/browser');
    demo = await startDemo();
  }

  // The router's loaders start queries, so the client comes first; a 401 then needs the router.
  const queryClient = createQueryClient({ onUnauthenticated: () => sendToSignIn(router, queryClient) });
  const router = createAppRouter(queryClient);

  const root = document.getElementById('root');
  if (!root) throw new Error('Keyline needs a <div id="root"> in index.html.');

  createRoot(root).render(
    <StrictMode>
      <App router={router} queryClient={queryClient} demo={demo} />
    </StrictMode>,
  );
}

void start();
