import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { TokenCheckResponse } from '../../../contract/lifecycle';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { isApiError } from '../../../lib/api-client';
import { tokenMutations } from '../api';
import { secretFieldAttributes } from '../utils/secret-field';

type TestTokenPanelProps = {
  /** Admins may revoke anyone's token found here; members only their own. */
  viewer: { id: string; role: string } | undefined;
};

/**
 * "Test a token": paste a secret found somewhere (a CI log, a chat) to learn whether it is a Keyline
 * token, whose, and whether it still works — and revoke it in one click. The pasted value lives in
 * the field until submit, then only as the check mutation's variable (`gcTime: 0`); it is never
 * put in the URL, storage or a query.
 */
export function TestTokenPanel({ viewer }: TestTokenPanelProps) {
  const id = useId();
  const [value, setValue] = useState('');
  const check = useMutation(tokenMutations.check());
  const revoke = useMutation(tokenMutations.revoke());
  // Only the answer is kept: the check mutation is reset as soon as it has one.
  const [answer, setAnswer] = useState<TokenCheckResponse | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const token = value.trim();
    if (!token) return;
    setValue('');
    setAnswer(null);
    revoke.reset();
    check.mutate(token, {
      onSuccess: (result) => {
        setAnswer(result);
        check.reset();
      },
    });
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4">
      <div>
        <h2 id={`${id}-heading`} className="text-lg font-semibold text-zinc-900 dark:text-white">
          Test a token
        </h2>
        <p className="mt-1 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
          Found a token in a log, a chat or a commit? Paste it to see whether it is a Keyline token, whose it is and
          whether it still works. It is checked and forgotten; nothing is stored.
        </p>
      </div>
      <Card className="space-y-4 px-5 py-4">
        <form onSubmit={submit} className="space-y-3">
          <label htmlFor={`${id}-token`} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
            Token to test
          </label>
          <textarea
            id={`${id}-token`}
            rows={2}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            {...secretFieldAttributes}
            placeholder="kl_prod_…"
            className="block w-full resize-none rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-sm break-all text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
          />
          <Button type="submit" variant="secondary" disabled={check.isPending || value.trim() === ''}>
            {check.isPending ? 'Checking…' : 'Check token'}
          </Button>
        </form>
        <div aria-live="polite">
          {check.error ? (
            <Alert tone="error">{isApiError(check.error) ? check.error.message : 'Couldn’t check the token.'}</Alert>
          ) : null}
          {answer ? (
            <CheckResult
              answer={answer}
              viewer={viewer}
              revoked={revoke.isSuccess}
              revoking={revoke.isPending}
              revokeError={revoke.error}
              onRevoke={(key) => revoke.mutate(key)}
            />
          ) : null}
        </div>
      </Card>
    </section>
  );
}

function CheckResult({
  answer,
  viewer,
  revoked,
  revoking,
  revokeError,
  onRevoke,
}: {
  answer: TokenCheckResponse;
  viewer: TestTokenPanelProps['viewer'];
  revoked: boolean;
  revoking: boolean;
  revokeError: unknown;
  onRevoke: (key: Extract<TokenCheckResponse, { result: 'found' }>['apiKey']) => void;
}) {
  switch (answer.result) {
    case 'invalid_format':
      return <Alert title="Not a Keyline token.">Its format or checksum doesn’t match; no lookup was needed.</Alert>;
    case 'unknown':
      return <Alert title="Unknown token.">It looks like a Keyline token, but no token has this secret.</Alert>;
    case 'not_yours':
      return <Alert title="Not yours.">This token belongs to someone else. Tell an admin if you think it has leaked.</Alert>;
    case 'found': {
      const key = answer.apiKey;
      const owner = key.owner.id === viewer?.id ? 'yours' : `${key.owner.username}’s`;
      const which = answer.matched === 'previous' ? ' (the secret a rotate replaced)' : '';
      if (answer.secretStatus !== 'active' || revoked) {
        const why = revoked ? 'you just revoked it' : answer.secretStatus === 'revoked' ? 'it is revoked' : 'it has expired';
        return (
          <Alert title={`Already dead: “${key.name}”, ${owner}.`}>
            This secret{which} no longer works — {why}. There is nothing to revoke.
          </Alert>
        );
      }
      const canRevoke = key.owner.id === viewer?.id || viewer?.role === 'admin';
      return (
        <Alert
          tone="warning"
          title={`Active: “${key.name}”, ${owner}.`}
          action={
            canRevoke ? (
              <Button variant="danger" size="sm" disabled={revoking} onClick={() => onRevoke(key)}>
                {revoking ? 'Revoking…' : 'Revoke it now'}
              </Button>
            ) : null
          }
        >
          This secret{which} works right now ({key.environment}, {key.scopes.join(', ')}). If it leaked, revoke it.
          {revokeError ? <span className="mt-1 block">Couldn’t revoke: {isApiError(revokeError) ? revokeError.message : 'try again'}.</span> : null}
        </Alert>
      );
    }
  }
}
