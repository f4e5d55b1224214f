// The bundle-size baseline: the same framework as Keyline (React, React Router's data router,
// TanStack Query, Tailwind) doing the least a real app does — one route that fetches and renders.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import './index.css';

function Home() {
  const hello = useQuery({ queryKey: ['hello'], queryFn: async () => (await fetch('/api/hello')).text() });
  return <p className="p-4 text-sm text-zinc-700">{hello.data ?? 'Loading…'}</p>;
}

const router = createBrowserRouter([{ path: '/', element: <Home /> }]);
const queryClient = new QueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
