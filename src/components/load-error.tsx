import { isApiError } from '../lib/api-client';
import { rateLimitMessage, useRetryCountdown } from '../lib/retry-countdown';
import { Alert } from './ui/alert';
import { RetryButton } from './ui/retry-button';

type LoadErrorProps = {
  error: unknown;
  onRetry: () => void;
  /** True while a retry is under way. */
  isRetrying?: boolean;
  /** What failed to load, as in "We couldn’t load your tokens." */
  subject: string;
};

/**
 * The one "couldn't load" notice: says what went wrong (a permission, a rate limit, the network) and
 * offers Try again, which counts down while a rate limit lasts instead of failing again.
 */
export function LoadError({ error, onRetry, isRetrying = false, subject }: LoadErrorProps) {
  const { retryAt, secondsLeft } = useRetryCountdown(error);
  const { title, message } = describeLoadError(error, subject);
  return (
    <Alert tone="error" title={title} action={<RetryButton onClick={onRetry} isPending={isRetrying} waitSeconds={secondsLeft} />}>
      {retryAt !== null ? rateLimitMessage(retryAt) : message}
    </Alert>
  );
}

function describeLoadError(error: unknown, subject: string): { title: string; message: string } {
  const failed = `We couldn’t load ${subject}.`;
  if (!isApiError(error)) return { title: failed, message: 'Something went wrong. Try again in a moment.' };
  switch (error.type) {
    case 'permission_error':
      return { title: `You don’t have permission to see ${subject}.`, message: error.message };
    case 'network_error':
      return { title: 'We couldn’t reach Keyline.', message: 'Check your connection, then try again.' };
    default:
      return { title: failed, message: error.message };
  }
}
