import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createAppRouter, sendToSignIn } from './app/router';
import { createQueryClient } from './lib/query-client';
import './index.css';

const router = createAppRouter();
const queryClient = createQueryClient({ onUnauthenticated: () => sendToSignIn(router, queryClient) });

const root = document.getElementById('root');
if (!root) throw new Error('Keyline needs a <div id="root"> in index.html.');

createRoot(root).render(
  <StrictMode>
    <App router={router} queryClient={queryClient} />
  </StrictMode>,
);
