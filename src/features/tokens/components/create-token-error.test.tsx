import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { CreateTokenError } from './create-token-error';

const noop = () => {};
const noWait = { retryAt: null, secondsLeft: 0 };

describe('CreateTokenError', () => {
  it('shows nothing without an error, or when every message has its field', () => {
    const fieldsOnly = new ApiError({ status: 422, type: 'invalid_request_error', message: 'Check the fields.', fields: { name: 'Taken.' } });
    const { container, rerender } = render(<CreateTokenError error={null} otherMessages={[]} onRetry={noop} isPending={false} rateLimit={noWait} />);
    expect(container).toBeEmptyDOMElement();
    rerender(<CreateTokenError error={fieldsOnly} otherMessages={[]} onRetry={noop} isPending={false} rateLimit={noWait} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('lists the messages no input can show, with nothing to retry', () => {
    const error = new ApiError({ status: 422, type: 'invalid_request_error', message: 'Check the fields.', fields: { owner: 'Not yours.' } });
    render(<CreateTokenError error={error} otherMessages={['Not yours.']} onRetry={noop} isPending={false} rateLimit={noWait} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByRole('listitem')).toHaveTextContent('Not yours.');
    expect(within(alert).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('offers to try again after a transient failure and says the input is kept', async () => {
    const onRetry = vi.fn();
    const error = new ApiError({ status: 503, type: 'api_error', message: 'Keyline is restarting.' });
    render(<CreateTokenError error={error} otherMessages={[]} onRetry={onRetry} isPending={false} rateLimit={noWait} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Keyline is restarting. Everything you entered is still here.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('after a rate limit says when, and holds Try again, counting down', async () => {
    const onRetry = vi.fn();
    const error = new ApiError({ status: 429, type: 'rate_limit_error', message: 'Slow down.', retryAfter: 42 });
    const retryAt = new Date(2026, 11, 1, 16, 12).getTime();
    render(<CreateTokenError error={error} otherMessages={[]} onRetry={onRetry} isPending={false} rateLimit={{ retryAt, secondsLeft: 42 }} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Too many attempts. You can try again at 4:12 PM. Everything you entered is still here.');
    const button = within(alert).getByRole('button', { name: 'Try again in 42 s' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(button);
    expect(onRetry).not.toHaveBeenCalled();
  });
});
