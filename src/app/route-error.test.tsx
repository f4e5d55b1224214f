import { screen } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/react';
import { createQueryClient } from '../lib/query-client';
import { App } from './app';
import { RouteError } from './route-error';

function Broken(): never {
  throw new Error('secret internals at Broken (broken.tsx:1:1)');
}

describe('RouteError', () => {
  it('shows a friendly message and a way out, never the error itself', () => {
    // React and React Router log the caught error; that is expected here.
    vi.mocked(console.error).mockImplementation(() => {});
    const router = createMemoryRouter([{ path: '/', element: <Broken />, errorElement: <RouteError standalone /> }]);
    render(<App router={router} queryClient={createQueryClient()} />);

    expect(screen.getByRole('heading', { level: 1, name: 'Something went wrong' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to home' })).toBeInTheDocument();
    expect(screen.queryByText(/secret internals/)).not.toBeInTheDocument();
  });
});
