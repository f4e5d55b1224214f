import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { z } from 'zod/mini';
import { signInRequestSchema, type User } from '../../../contract/users';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { isApiError } from '../../../lib/api-client';
import { formatWait, rateLimitMessage, useRetryCountdown } from '../../../lib/retry-countdown';
import { authMutations } from '../api';

type FieldErrors = Partial<Record<'username' | 'password', string>>;

function formErrorFor(error: unknown): string | undefined {
  if (!error) return undefined;
  if (!isApiError(error)) return 'Something went wrong. Try again.';
  if (error.status === 401) return 'Incorrect username or password.';
  // Field problems are shown beside the fields; only say something here if none matched.
  if (error.type === 'invalid_request_error' && Object.keys(error.fields).length > 0) return undefined;
  return error.message;
}

type SignInFormProps = {
  onSignedIn: (user: User) => void;
  /** Filled in when we know who is signing in again (their session expired); the password then has focus. */
  username?: string;
};

export function SignInForm({ onSignedIn, username }: SignInFormProps) {
  const signIn = useMutation(authMutations.signIn());
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const serverFields = isApiError(signIn.error) ? signIn.error.fields : {};
  const fieldErrors: FieldErrors = {
    username: clientErrors.username ?? serverFields.username,
    password: clientErrors.password ?? serverFields.password,
  };
  // A 429 says when, and holds the button until then, counting down.
  const rateLimit = useRetryCountdown(signIn.error);
  const formError = rateLimit.retryAt !== null ? rateLimitMessage(rateLimit.retryAt) : formErrorFor(signIn.error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (rateLimit.waiting) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = signInRequestSchema.safeParse({
      username: data.get('username') ?? '',
      password: data.get('password') ?? '',
    });
    if (!parsed.success) {
      const { fieldErrors: errors } = z.flattenError(parsed.error);
      setClientErrors({ username: errors.username?.[0], password: errors.password?.[0] });
      signIn.reset();
      // Take the user to the first field that needs fixing.
      const first = errors.username ? 'username' : 'password';
      form.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setClientErrors({});
    signIn.mutate(parsed.data, { onSuccess: ({ user }) => onSignedIn(user) });
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-5" aria-describedby={formError ? 'sign-in-error' : undefined}>
      {formError ? (
        <div id="sign-in-error">
          <Alert tone="error">{formError}</Alert>
        </div>
      ) : null}
      <TextField
        label="Username"
        name="username"
        defaultValue={username}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        error={fieldErrors.username}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        autoFocus={username !== undefined}
        error={fieldErrors.password}
      />
      <Button
        type="submit"
        className="w-full aria-disabled:cursor-not-allowed aria-disabled:opacity-60"
        disabled={signIn.isPending}
        aria-disabled={rateLimit.waiting || undefined}
      >
        {signIn.isPending ? 'Signing in…' : rateLimit.waiting ? `Sign in again in ${formatWait(rateLimit.secondsLeft)}` : 'Sign in'}
      </Button>
    </form>
  );
}
