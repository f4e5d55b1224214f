// The bundle-size baseline: the same framework as Keyline (React, React Router's data router,
// TanStack Query, Tailwind) doing the least a real app does — one route that fetches and renders. The browser
// bench serves it beside Keyline's server: it asks who is signed in, as Keyline's layout does first.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import './index.css';

function Home() {
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => ((await (await fetch('/api/auth/me')).json()) as { user: { username: string } }).user,
  });
  return <p className="p-4 text-sm text-zinc-700">{me.data ? `Signed in as ${me.data.username}` : 'Loading…'}</p>;
}

const router = createBrowserRouter([{ path: '/', element: <Home /> }], { basename: import.meta.env.BASE_URL });
const queryClient = new QueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
