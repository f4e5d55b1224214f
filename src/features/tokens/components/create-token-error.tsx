import { Alert } from '../../../components/ui/alert';
import { RetryButton } from '../../../components/ui/retry-button';
import { isApiError } from '../../../lib/api-client';
import { rateLimitMessage } from '../../../lib/retry-countdown';

type CreateTokenErrorProps = {
  error: Error | null;
  /** The API's messages about fields the form has no input for. */
  otherMessages: readonly string[];
  onRetry: () => void;
  isPending: boolean;
  /** A rate limit's wait, from the dialog's countdown (it also holds the Create button): when, and seconds left. */
  rateLimit: { retryAt: number | null; secondsLeft: number };
};

/** What went wrong with the last attempt, when it isn't about one field (those go under their inputs). */
export function CreateTokenError({ error, otherMessages, onRetry, isPending, rateLimit }: CreateTokenErrorProps) {
  if (!error) return null;
  const apiError = isApiError(error) ? error : null;
  const fieldsOnly = apiError && Object.keys(apiError.fields).length > 0 && otherMessages.length === 0;
  if (fieldsOnly) return null;

  const transient = !apiError || apiError.type === 'network_error' || apiError.status >= 500 || apiError.status === 429;
  const message = rateLimit.retryAt !== null ? rateLimitMessage(rateLimit.retryAt) : error.message;

  return (
    <Alert
      tone="error"
      title="The token wasn’t created."
      action={
        transient ? (
          <RetryButton onClick={onRetry} isPending={isPending} pendingLabel="Creating…" waitSeconds={rateLimit.secondsLeft} />
        ) : undefined
      }
    >
      {otherMessages.length > 0 ? (
        <ul className="space-y-0.5">
          {otherMessages.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : (
        <p>
          {message}
          {transient ? ' Everything you entered is still here.' : null}
        </p>
      )}
    </Alert>
  );
}
