import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { isApiError } from '../../../lib/api-client';

type CreateTokenErrorProps = {
  error: Error | null;
  /** The API's messages about fields the form has no input for. */
  otherMessages: readonly string[];
  onRetry: () => void;
  isPending: boolean;
};

/** What went wrong with the last attempt, when it isn't about one field (those go under their inputs). */
export function CreateTokenError({ error, otherMessages, onRetry, isPending }: CreateTokenErrorProps) {
  if (!error) return null;
  const apiError = isApiError(error) ? error : null;
  const fieldsOnly = apiError && Object.keys(apiError.fields).length > 0 && otherMessages.length === 0;
  if (fieldsOnly) return null;

  const transient = !apiError || apiError.type === 'network_error' || apiError.status >= 500 || apiError.status === 429;
  let message = error.message;
  if (apiError?.status === 429) {
    message =
      apiError.retryAfter !== undefined
        ? `Too many requests. Wait ${apiError.retryAfter} ${apiError.retryAfter === 1 ? 'second' : 'seconds'}, then try again.`
        : 'Too many requests. Wait a moment, then try again.';
  }

  return (
    <Alert
      tone="error"
      title="The token wasn’t created."
      action={
        transient ? (
          <Button variant="secondary" size="sm" onClick={onRetry} aria-disabled={isPending || undefined}>
            Try again
          </Button>
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
