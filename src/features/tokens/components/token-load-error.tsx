import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { isApiError } from '../../../lib/api-client';

type TokenLoadErrorProps = {
  error: unknown;
  onRetry: () => void;
  /** True while a retry is under way. */
  isRetrying: boolean;
  /** What failed to load, as in "We couldn’t load your tokens." */
  subject?: string;
};

/** Says what went wrong (a permission, a rate limit, the network) and offers to try again. */
export function TokenLoadError({ error, onRetry, isRetrying, subject = 'your tokens' }: TokenLoadErrorProps) {
  const { title, message } = describeLoadError(error, subject);
  return (
    <Alert
      tone="error"
      title={title}
      action={
        <Button variant="secondary" size="sm" onClick={onRetry} disabled={isRetrying}>
          {isRetrying ? 'Trying again…' : 'Try again'}
        </Button>
      }
    >
      {message}
    </Alert>
  );
}

function describeLoadError(error: unknown, subject: string): { title: string; message: string } {
  const failed = `We couldn’t load ${subject}.`;
  if (!isApiError(error)) return { title: failed, message: 'Something went wrong. Try again in a moment.' };
  switch (error.type) {
    case 'permission_error':
      return { title: 'You don’t have permission to see these tokens.', message: error.message };
    case 'rate_limit_error':
      return {
        title: 'Too many requests.',
        message: error.retryAfter ? `Keyline asked us to wait ${error.retryAfter} s before trying again.` : error.message,
      };
    case 'network_error':
      return { title: 'We couldn’t reach Keyline.', message: 'Check your connection, then try again.' };
    default:
      return { title: failed, message: error.message };
  }
}
