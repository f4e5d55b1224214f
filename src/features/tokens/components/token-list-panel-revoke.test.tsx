import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paths, routes } from '../../../contract/paths';
import { testNow } from '../../../testing/factories';
import { errorResponse } from '../../../testing/mocks/error-response';
import { store } from '../../../testing/mocks/store';
import { renderApp } from '../../../testing/render';
import { server } from '../../../testing/server';

// The revoke flow of the "Your tokens" panel, on the page it lives on.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: testNow });
});
afterEach(() => {
  vi.useRealTimers();
});

async function revokeLaptopCli(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Revoke Laptop CLI' }));
  await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Revoke token' }));
}

describe('Your tokens: after a revoke', () => {
  it('says visibly that it is revoked, and shows revoked tokens on request', async () => {
    const { user, router } = renderApp('/account/integrations');
    await revokeLaptopCli(user);

    expect(await screen.findByText('“Laptop CLI” revoked.')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Your tokens' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Show revoked tokens' }));

    expect(router.state.location.search).toBe('?status=revoked');
    expect(await screen.findByRole('row', { name: /laptop cli/i })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show revoked tokens' })).not.toBeInTheDocument();
  }, 15_000); // a revoke, then another list: slow on a busy machine

  it('says once why it failed, with Try again that revokes it', async () => {
    server.use(http.delete(paths.apiKey('key_cli'), () => errorResponse(500, 'api_error', 'Database is down.'), { once: true }));
    const { user } = renderApp('/account/integrations');
    await screen.findByRole('row', { name: /laptop cli/i });
    // The refetch after the failure fails as well: still one message, not an alert and a toast.
    server.use(http.get(routes.apiKeys, () => HttpResponse.error(), { once: true }));
    await revokeLaptopCli(user);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t revoke “Laptop CLI”: Database is down. It is still active.');
    await waitFor(() => expect(screen.getByRole('row', { name: /laptop cli/i })).toBeInTheDocument());
    expect(screen.queryByText(/Couldn’t refresh/)).not.toBeInTheDocument();
    expect(screen.getAllByText(/Database is down/)).toHaveLength(1);

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('“Laptop CLI” revoked.')).toBeInTheDocument();
    expect(store.apiKeys.find((key) => key.id === 'key_cli')?.status).toBe('revoked');
  });

  it('after a rate limit says when it can be tried again and holds Try again', async () => {
    server.use(
      http.delete(paths.apiKey('key_cli'), () => {
        const response = errorResponse(429, 'rate_limit_error', 'Slow down.');
        response.headers.set('Retry-After', '42');
        return response;
      }),
    );
    const { user } = renderApp('/account/integrations');
    await revokeLaptopCli(user);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/^Couldn’t revoke “Laptop CLI”: it is still active\. Too many attempts\. You can try again at \d{1,2}:\d{2} [AP]M\./);
    expect(within(alert).getByRole('button', { name: 'Try again in 42 s' })).toHaveAttribute('aria-disabled', 'true');
  });
});
