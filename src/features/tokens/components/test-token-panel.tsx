import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { TokenCheckResponse } from '../../../contract/lifecycle';
import type { Environment } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { Alert } from '../../../components/ui/alert';
import { Button, buttonVariants } from '../../../components/ui/button';
import { Card, CardBody, CardHeader } from '../../../components/ui/card';
import { isApiError } from '../../../lib/api-client';
import { formatExactTime } from '../../../lib/relative-time';
import { useNow } from '../../../lib/use-now';
import { tokenMutations } from '../api';
import { describeEnvironment } from '../utils/environment-rank';
import { tokenDetailPath } from '../utils/expiry-warnings';
import { revokeFailureMessage } from '../utils/revoke-failure-message';
import { secretFieldAttributes } from '../utils/secret-field';
import { DialogSuspense, LazyReportLeakDialog, LazyRevokeTokenDialog, preloadReportLeak, preloadRowActions } from './lazy-dialogs';

type TestTokenPanelProps = {
  /** Admins may revoke anyone's token found here; members only their own. */
  viewer: { id: string; role: string } | undefined;
  /** The policy's environments, to name a token's environment by its label. */
  environments?: readonly Environment[];
  /** The clock, for tests; the live time otherwise. */
  now?: Date;
};

type Found = Extract<TokenCheckResponse, { result: 'found' }>;

/**
 * "Test a token": paste a secret found somewhere (a CI log, a chat) to learn whether it is a Keyline
 * token, whose, and whether it still works — and stop it. A token's current secret is stopped by
 * revoking the token (after a confirmation that says what breaks); a secret a rotate replaced, still
 * in its grace period, by ending that grace period, so the new secret keeps working. A live token — or
 * someone else's, which this page does not describe — can also be reported as leaked: the secret is the
 * proof, so it is revoked at once whoever's it is, and its timeline says why. The pasted value lives in
 * the field until submit, then in this component's memory (for a report) and as the variable of the
 * check or report mutation (`gcTime: 0`); it is never put in the URL, storage or a query.
 */
export function TestTokenPanel({ viewer, environments, now: fixedNow }: TestTokenPanelProps) {
  const id = useId();
  const liveNow = useNow();
  const now = fixedNow ?? liveNow;
  const [value, setValue] = useState('');
  const check = useMutation(tokenMutations.check());
  const revoke = useMutation(tokenMutations.revoke());
  const endGrace = useMutation(tokenMutations.cutOff());
  const report = useMutation(tokenMutations.reportLeaked());
  // The checked secret, kept only for "Report as leaked", forgotten by the next check or the report.
  const checked = useRef<string | null>(null);
  // Which token a report is being confirmed for, and what was reported: its name and id when it is the viewer's.
  const [confirmingReport, setConfirmingReport] = useState<{ name: string | null } | null>(null);
  const [reported, setReported] = useState<{ name: string | null; ownId: string | null } | null>(null);
  // Only the answer is kept: the check mutation is reset as soon as it has one.
  const [answer, setAnswer] = useState<TokenCheckResponse | null>(null);
  const [confirming, setConfirming] = useState<ApiKey | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const token = value.trim();
    if (!token) return;
    setValue('');
    setAnswer(null);
    setReported(null);
    checked.current = token;
    revoke.reset();
    endGrace.reset();
    report.reset();
    check.mutate(token, {
      onSuccess: (result) => {
        setAnswer(result);
        check.reset();
      },
    });
  }

  function confirmReport() {
    const secret = checked.current;
    const found = answer?.result === 'found' ? answer.apiKey : null;
    setConfirmingReport(null);
    if (!secret) return;
    report.mutate(secret, {
      onSuccess: () => {
        checked.current = null;
        report.reset();
        setReported({ name: found?.name ?? null, ownId: found && found.owner.id === viewer?.id ? found.id : null });
      },
    });
  }

  const reportLeak: Action = {
    done: false,
    pending: report.isPending,
    error: report.error,
    start: () => {
      preloadReportLeak();
      setConfirmingReport({ name: answer?.result === 'found' ? answer.apiKey.name : null });
    },
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <Card>
        <CardHeader>
          <h2 id={`${id}-heading`} className="text-base font-semibold text-zinc-900 dark:text-white">
            Test a token
          </h2>
          <p className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
            Found a token in a log, a chat or a commit? Paste it to see whether it is a Keyline token, whose it is and
            whether it still works. It is checked and forgotten; nothing is stored.
          </p>
        </CardHeader>
        <CardBody className="space-y-4">
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
            {reported ? (
              <ReportedResult reported={reported} />
            ) : answer ? (
              answer.result === 'found' ? (
                <FoundResult
                  answer={answer}
                  viewer={viewer}
                  environments={environments}
                  revoke={{
                    done: revoke.isSuccess,
                    pending: revoke.isPending,
                    error: revoke.error,
                    start: () => {
                      preloadRowActions();
                      setConfirming(answer.apiKey);
                    },
                  }}
                  endGrace={{
                    done: endGrace.isSuccess,
                    pending: endGrace.isPending,
                    error: endGrace.error,
                    start: () => endGrace.mutate(answer.apiKey.id),
                  }}
                  reportLeak={reportLeak}
                />
              ) : (
                <NotFoundResult result={answer.result} reportLeak={reportLeak} />
              )
            ) : null}
          </div>
        </CardBody>
      </Card>
      {confirming ? (
        <DialogSuspense onCancel={() => setConfirming(null)}>
          <LazyRevokeTokenDialog
            token={confirming}
            now={now}
            onCancel={() => setConfirming(null)}
            onConfirm={(token) => {
              setConfirming(null);
              revoke.mutate(token);
            }}
          />
        </DialogSuspense>
      ) : null}
      {confirmingReport ? (
        <DialogSuspense onCancel={() => setConfirmingReport(null)}>
          <LazyReportLeakDialog tokenName={confirmingReport.name} onCancel={() => setConfirmingReport(null)} onConfirm={confirmReport} />
        </DialogSuspense>
      ) : null}
    </section>
  );
}

/** After "Report as leaked": what happened, and the way to the token's timeline when it is the viewer's. */
function ReportedResult({ reported }: { reported: { name: string | null; ownId: string | null } }) {
  return (
    <Alert
      title={reported.name ? `“${reported.name}” revoked: reported leaked.` : 'Reported as leaked.'}
      action={
        reported.ownId ? (
          <Link className={buttonVariants({ variant: 'secondary', size: 'sm' })} to={tokenDetailPath(reported.ownId)}>
            View its timeline
          </Link>
        ) : null
      }
    >
      {reported.name
        ? 'This secret no longer works, and neither does any other secret of the token. Its timeline says it was reported leaked.'
        : 'If it was a live Keyline token, it is revoked now and anything using it has stopped working. Its owner’s timeline says why.'}
    </Alert>
  );
}

/** "Report as leaked" on a result, with what went wrong if the report failed. */
function ReportLeakButton({ action }: { action: Action }) {
  return (
    <Button variant="danger" size="sm" disabled={action.pending} onClick={action.start}>
      {action.pending ? 'Reporting…' : 'Report as leaked…'}
    </Button>
  );
}

function ReportLeakError({ action }: { action: Action }) {
  if (!action.error) return null;
  return (
    <span role="alert" className="mt-1 block">
      Couldn’t report it: {isApiError(action.error) ? action.error.message : 'try again'}
    </span>
  );
}

function NotFoundResult({ result, reportLeak }: { result: Exclude<TokenCheckResponse['result'], 'found'>; reportLeak: Action }) {
  switch (result) {
    case 'invalid_format':
      return <Alert title="Not a Keyline token.">Its format or checksum doesn’t match a Keyline token’s.</Alert>;
    case 'unknown':
      return <Alert title="Unknown token.">It looks like a Keyline token, but no token has this secret.</Alert>;
    case 'not_yours':
      return (
        <Alert title="Not yours." action={<ReportLeakButton action={reportLeak} />}>
          This token belongs to someone else. If it has leaked, report it: holding the secret is enough to revoke it.
          <ReportLeakError action={reportLeak} />
        </Alert>
      );
  }
}

type Action = { done: boolean; pending: boolean; error: unknown; start: () => void };

function FoundResult({
  answer,
  viewer,
  environments,
  revoke,
  endGrace,
  reportLeak,
}: {
  answer: Found;
  viewer: TestTokenPanelProps['viewer'];
  environments: readonly Environment[] | undefined;
  revoke: Action;
  endGrace: Action;
  reportLeak: Action;
}) {
  const key = answer.apiKey;
  const isOwner = key.owner.id === viewer?.id;
  const whose = isOwner ? 'yours' : `${key.owner.username}’s`;
  const previous = answer.matched === 'previous';

  if (revoke.done) {
    return (
      <Alert title={`“${key.name}” revoked.`}>
        This secret no longer works, and neither does any other secret of the token.
      </Alert>
    );
  }
  if (endGrace.done) {
    return (
      <Alert title="Grace period ended.">
        This old secret of “{key.name}” no longer works. The token’s new secret keeps working.
      </Alert>
    );
  }
  if (answer.secretStatus !== 'active') {
    const why = previous
      ? 'a rotate replaced it and its grace period is over'
      : answer.secretStatus === 'revoked'
        ? 'the token is revoked'
        : 'the token has expired';
    return (
      <Alert title={`No longer works: “${key.name}”, ${whose}.`}>
        This secret stopped working — {why}. There is nothing to stop.
      </Alert>
    );
  }

  const environment = environments ? describeEnvironment(key.environment, environments).label : key.environment;
  const scopes = key.scopes.join(', ');

  if (previous) {
    const until = key.rotation ? formatExactTime(new Date(key.rotation.previousSecretValidUntil)) : null;
    return (
      <Alert
        tone="warning"
        title={`Still works: the replaced secret of “${key.name}”, ${whose}.`}
        action={
          isOwner ? (
            <Button variant="secondary" size="sm" disabled={endGrace.pending} onClick={endGrace.start}>
              {endGrace.pending ? 'Ending…' : 'End grace period now'}
            </Button>
          ) : null
        }
      >
        A rotate replaced this secret; it keeps working{until ? ` until ${until}` : ''} so jobs can switch over ({environment},{' '}
        {scopes}). Ending the grace period stops this old secret at once; the token’s new secret keeps working.
        {isOwner ? null : ` Only ${key.owner.username} can end it early.`}
        {endGrace.error ? (
          <span role="alert" className="mt-1 block">
            Couldn’t end the grace period: {isApiError(endGrace.error) ? endGrace.error.message : 'try again'}
          </span>
        ) : null}
      </Alert>
    );
  }

  const canRevoke = isOwner || viewer?.role === 'admin';
  return (
    <Alert
      tone="warning"
      title={`Active: “${key.name}”, ${whose}.`}
      action={
        <div className="flex flex-wrap gap-2 sm:justify-end">
          <ReportLeakButton action={reportLeak} />
          {canRevoke ? (
            <Button variant="secondary" size="sm" disabled={revoke.pending} onClick={revoke.start}>
              {revoke.pending ? 'Revoking…' : 'Revoke token…'}
            </Button>
          ) : null}
        </div>
      }
    >
      This secret works right now ({environment}, {scopes}). If it leaked, report it: the token is revoked at once, anything using
      it stops working, and its timeline says it leaked.
      {revoke.error ? (
        <span role="alert" className="mt-1 block">
          {revokeFailureMessage(key, revoke.error)}
        </span>
      ) : null}
      <ReportLeakError action={reportLeak} />
    </Alert>
  );
}
