import { useId, useState, type ReactNode } from 'react';
import { allowedScopesFor, environmentLabel } from '../../../contract/api-key-rules';
import type { DeviceRequest } from '../../../contract/device';
import type { Policy } from '../../../contract/policy';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card, CardBody } from '../../../components/ui/card';
import { SelectField } from '../../../components/ui/select';
import { formatExactTime, formatRelativeTime, formatTimeAgo } from '../../../lib/relative-time';
import { expiryChoices, initialChoices, placeOfAddress, type DeviceTokenChoices } from '../utils/device-choices';

type DeviceRequestReviewProps = {
  request: DeviceRequest;
  policy: Policy;
  now: Date;
  onApprove: (choices: DeviceTokenChoices) => void;
  onDeny: () => void;
  /** Which decision is on its way, if any. */
  pending: 'approve' | 'deny' | null;
  /** The server's answer to the last decision, when it failed. */
  error?: { message: string; fields: Record<string, string> };
};

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{term}</dt>
      <dd className="text-sm font-medium break-words text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}

/**
 * What is asking for a token, from where, and what it will get — with the code to compare and
 * the choice to approve (settings editable within the policy) or deny.
 */
export function DeviceRequestReview({ request, policy, now, onApprove, onDeny, pending, error }: DeviceRequestReviewProps) {
  const [choices, setChoices] = useState(() => initialChoices(request, policy));
  const [scopeProblem, setScopeProblem] = useState<string | undefined>();
  const scopesId = useId();
  const scopesErrorId = `${scopesId}-error`;
  const allowed = allowedScopesFor(policy, choices.environment);
  const place = placeOfAddress(request.ip);
  const createdAt = new Date(request.createdAt);
  const expiresAt = new Date(request.expiresAt);

  function setEnvironment(environment: string) {
    const allowedIds = new Set(allowedScopesFor(policy, environment).map((scope) => scope.id));
    setChoices((current) => ({ ...current, environment, scopes: current.scopes.filter((scope) => allowedIds.has(scope)) }));
  }

  function toggleScope(id: string, checked: boolean) {
    setScopeProblem(undefined);
    setChoices((current) => ({ ...current, scopes: checked ? [...current.scopes, id] : current.scopes.filter((scope) => scope !== id) }));
  }

  function approve() {
    if (choices.scopes.length === 0) {
      setScopeProblem('Choose at least one scope.');
      document.getElementById(scopesId)?.querySelector('input')?.focus();
      return;
    }
    onApprove(choices);
  }

  const scopesError = scopeProblem ?? error?.fields.scopes;
  const formError = error && Object.keys(error.fields).length === 0 ? error.message : undefined;

  return (
    <div className="space-y-6">
      <Alert tone="warning" title="Only approve if you started this on your own machine just now">
        Approving gives this program a token that acts as you. If you didn’t run a login command a moment ago, or the
        code below isn’t the one in your terminal, deny it.
      </Alert>

      <Card>
        <CardBody className="p-5 sm:p-6">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Check that your terminal shows this code</p>
          <p className="mt-1 font-mono text-3xl font-semibold tracking-[0.2em] text-zinc-900 dark:text-white">
            {request.userCode}
          </p>
          <dl className="mt-4 divide-y divide-zinc-200 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            <Detail term="Program">{request.clientName}</Detail>
            <Detail term="Machine">{request.hostname}</Detail>
            <Detail term="From">
              {request.ip ?? 'Unknown address'}
              {place ? <span className="font-normal text-zinc-600 dark:text-zinc-400"> · {place}</span> : null}
            </Detail>
            <Detail term="Asked">
              <time dateTime={request.createdAt} title={formatExactTime(createdAt)}>
                {formatTimeAgo(createdAt, now)}
              </time>
              <span className="font-normal text-zinc-600 dark:text-zinc-400">
                {' '}
                · the code expires <time dateTime={request.expiresAt}>{formatRelativeTime(expiresAt, now)}</time>
              </span>
            </Detail>
          </dl>
        </CardBody>
      </Card>

      <Card>
        <CardBody className="space-y-5 p-5 sm:p-6">
          <div>
            <h2 className="text-base font-semibold text-zinc-900 dark:text-white">The token it will get</h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              Named <span className="font-medium text-zinc-900 dark:text-zinc-100">{request.tokenName}</span>, listed with
              your tokens, where you can revoke it any time.
            </p>
          </div>
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label="Environment"
              value={choices.environment}
              options={policy.environments.map((environment) => ({ value: environment.id, label: environment.label }))}
              onValueChange={setEnvironment}
            />
            <SelectField
              label="Expires after"
              value={String(choices.expiresInDays)}
              options={expiryChoices(policy, choices.expiresInDays).map((days) => ({ value: String(days), label: `${days} days` }))}
              onValueChange={(days) => setChoices((current) => ({ ...current, expiresInDays: Number(days) }))}
            />
          </div>
          {error?.fields.environment ? <p className="text-sm text-red-700 dark:text-red-300">{error.fields.environment}</p> : null}
          {error?.fields.expiresInDays ? <p className="text-sm text-red-700 dark:text-red-300">{error.fields.expiresInDays}</p> : null}
          <fieldset id={scopesId} aria-describedby={scopesError ? scopesErrorId : undefined}>
            <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Scopes</legend>
            <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
              {request.scopes.length > 0 ? 'What it asked for is ticked, as far as ' : 'Tick only what it needs, as '}
              {environmentLabel(policy, choices.environment)} tokens allow. Write includes read.
            </p>
            {allowed.length === 0 ? (
              <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">This environment allows no scopes. Choose another.</p>
            ) : (
              <ul className="mt-3 grid gap-2 sm:grid-cols-2">
                {allowed.map((scope) => (
                  <li key={scope.id}>
                    <label className="flex min-h-10 cursor-pointer items-start gap-2.5 rounded-lg border border-zinc-200 px-3 py-2 text-sm hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900">
                      <input
                        type="checkbox"
                        className="mt-0.5 size-4 shrink-0 accent-indigo-600"
                        checked={choices.scopes.includes(scope.id)}
                        onChange={(event) => toggleScope(scope.id, event.target.checked)}
                      />
                      <span>
                        <span className="font-mono text-zinc-900 dark:text-zinc-100">{scope.id}</span>
                        <span className="block text-zinc-600 dark:text-zinc-400">{scope.description}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
            {scopesError ? (
              <p id={scopesErrorId} className="mt-2 text-sm text-red-700 dark:text-red-300">
                {scopesError}
              </p>
            ) : null}
          </fieldset>
          <div className="flex flex-col-reverse gap-3 border-t border-zinc-200 pt-5 sm:flex-row sm:justify-end dark:border-zinc-800">
            <Button variant="secondary" onClick={onDeny} disabled={pending !== null}>
              {pending === 'deny' ? 'Denying…' : 'Deny'}
            </Button>
            <Button onClick={approve} disabled={pending !== null}>
              {pending === 'approve' ? 'Approving…' : 'Approve'}
            </Button>
          </div>
        </CardBody>
      </Card>
    </div>
  );
}
