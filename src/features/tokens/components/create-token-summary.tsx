import type { Scope } from '../../../contract/policy';
import { formatDate } from '../../../lib/relative-time';
import { daysFromNowLabel } from '../utils/expiry-options';
import { describeScopes } from '../utils/scope-preview';

type CreateTokenSummaryProps = {
  /** The scope ids the form stands for. */
  scopes: readonly string[];
  catalog: readonly Scope[];
  expiresAt: Date | null;
  now: Date;
  /** What the form still lacks, e.g. "a name". */
  missing: readonly string[];
};

/** The token about to be made, in plain words: what it can do, when it expires, what is still needed. */
export function CreateTokenSummary({ scopes, catalog, expiresAt, now, missing }: CreateTokenSummaryProps) {
  return (
    <section
      aria-label="Summary"
      className="rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm leading-relaxed text-zinc-700 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-300"
    >
      {scopes.length > 0 ? (
        <>
          <p className="font-medium text-zinc-900 dark:text-zinc-100">This token will be able to:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {describeScopes(scopes, catalog).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>Choose at least one scope to see what this token will be able to do.</p>
      )}
      {expiresAt ? (
        <p className="mt-2">
          It will expire on <strong className="font-medium text-zinc-900 dark:text-zinc-100">{formatDate(expiresAt)}</strong>{' '}
          ({daysFromNowLabel(expiresAt, now)}).
        </p>
      ) : null}
      {missing.length > 0 ? <p className="mt-2 text-zinc-600 dark:text-zinc-400">Still needed: {missing.join(' and ')}.</p> : null}
    </section>
  );
}
