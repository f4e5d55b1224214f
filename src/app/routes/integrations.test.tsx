import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../contract/paths';
import { errorResponse, store } from '../../testing/handlers';
import { renderApp } from '../../testing/render';
import { server } from '../../testing/server';

describe('Integrations page', () => {
  it('lists my tokens and how to use one', async () => {
    renderApp('/account/integrations');

    expect(await screen.findByRole('heading', { level: 1, name: 'Integrations' })).toBeInTheDocument();
    expect(await screen.findByRole('row', { name: /laptop cli/i })).toBeInTheDocument();
    const deploy = screen.getByRole('row', { name: /production deploy/i });
    expect(within(deploy).getByText('Never used')).toBeInTheDocument();
    expect(within(deploy).getByText('+2')).toBeInTheDocument();
    expect(await within(deploy).findByText('Production')).toBeInTheDocument();

    const usage = screen.getByRole('region', { name: 'Use a token' });
    expect(within(usage).getByText(/curl -H "Authorization: Bearer \$KEYLINE_TOKEN" http:\/\/.+\/api\/auth\/me/)).toBeInTheDocument();
  });

  it('shows the empty state when I have no tokens', async () => {
    store.apiKeys = [];
    renderApp('/account/integrations');
    expect(await screen.findByText('No tokens yet')).toBeInTheDocument();
  });

  it('recovers from a failed load when I try again', async () => {
    server.use(
      http.get(routes.apiKeys, () => errorResponse(500, 'api_error', 'Something broke on our side.'), { once: true }),
    );
    const { user } = renderApp('/account/integrations');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load your tokens.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('row', { name: /laptop cli/i })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('sends me to sign in when my session ends while I am here', async () => {
    const { router, queryClient } = renderApp('/account/integrations');
    expect(await screen.findByRole('row', { name: /laptop cli/i })).toBeInTheDocument();

    store.signedIn = false;
    // What a background refetch (window focus, a mutation's invalidation) would do.
    await queryClient.invalidateQueries({ queryKey: ['tokens'] });

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByText('Laptop CLI')).not.toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/account/integrations');
  });
});
