import { useEffect, useId, useRef, useState } from 'react';
import type { Environment } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { SegmentedControl } from '../../../components/ui/segmented-control';
import { formatDate } from '../../../lib/relative-time';
import { daysFromNowLabel } from '../utils/expiry-options';
import { formatSecret, handOffFormats, type HandOffFormatId } from '../../../contract/hand-off-formats';
import { EnvironmentBadge } from './environment-badge';
import { ScopeList } from './scope-list';
import { secretFieldAttributes } from '../utils/secret-field';

type RevealSecretDialogProps = {
  apiKey: ApiKey;
  /** The one-time secret. It lives only in the caller's mutation result, never in this component's state. */
  secret: string;
  environments?: readonly Environment[];
  now: Date;
  /** Called after "I have stored it" or a confirmed discard; the caller drops the secret. */
  onClose: () => void;
};

type CopyStatus = 'idle' | 'copied' | 'manual';

/**
 * Shows a new token's secret once, in the shape its destination needs. Closing takes an explicit
 * "I have stored it"; Escape, the backdrop and Close ask before the secret is thrown away.
 */
export function RevealSecretDialog({ apiKey, secret, environments, now, onClose }: RevealSecretDialogProps) {
  const id = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const keepOpenRef = useRef<HTMLButtonElement>(null);
  const [formatId, setFormatId] = useState<HandOffFormatId>('raw');
  const [copyStatus, setCopyStatus] = useState<CopyStatus>('idle');
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);

  const format = handOffFormats.find((f) => f.id === formatId) ?? handOffFormats[0]!;
  const shown = formatSecret(secret, formatId);
  const expiresAt = new Date(apiKey.expiresAt);

  const copyRef = useRef<HTMLButtonElement>(null);
  // Copy is what the dialog is for: it has focus on open, not Close. After the dialog's effect opened it.
  useEffect(() => {
    copyRef.current?.focus();
  }, []);

  useEffect(() => {
    if (confirmingDiscard) keepOpenRef.current?.focus();
  }, [confirmingDiscard]);

  useEffect(() => {
    if (copyStatus !== 'copied') return;
    const timer = window.setTimeout(() => setCopyStatus('idle'), 4000);
    return () => window.clearTimeout(timer);
  }, [copyStatus]);

  async function copy() {
    try {
      // Missing outside secure contexts and in some embedded browsers; denied by some permission setups.
      if (!navigator.clipboard?.writeText) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(shown);
      setCopyStatus('copied');
    } catch {
      const field = fieldRef.current;
      field?.focus();
      field?.select();
      setCopyStatus('manual');
    }
  }

  return (
    <Dialog
      open
      size="lg"
      title="Copy your new token"
      onDismiss={() => setConfirmingDiscard(true)}
      footer={
        <Button onClick={onClose}>
          I have stored it
        </Button>
      }
    >
      <div className="space-y-5">
        {confirmingDiscard ? (
          <div role="alert">
            <Alert
              tone="warning"
              title="Discard this token’s secret?"
              action={
                <div className="flex flex-wrap gap-2">
                  <Button ref={keepOpenRef} variant="secondary" size="sm" onClick={() => setConfirmingDiscard(false)}>
                    Keep it open
                  </Button>
                  <Button variant="danger" size="sm" onClick={onClose}>
                    Discard
                  </Button>
                </div>
              }
            >
              You won’t be able to see it again. The token stays active until it expires; revoke it if you can’t store the secret.
            </Alert>
          </div>
        ) : (
          <Alert tone="warning" title="This is the only time it is shown.">
            Keyline keeps only a fingerprint of it. Store it in a password manager or your CI’s secret store now.
          </Alert>
        )}

        <div className="space-y-2">
          <SegmentedControl
            label="Format"
            options={handOffFormats.map((f) => ({ value: f.id, label: f.label }))}
            value={formatId}
            onChange={(next) => {
              setFormatId(next);
              setCopyStatus('idle');
            }}
          />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{format.hint}</p>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
            <textarea
              ref={fieldRef}
              readOnly
              rows={formatId === 'github' ? 3 : 2}
              value={shown}
              aria-label="Token secret"
              aria-describedby={`${id}-copy-status`}
              {...secretFieldAttributes}
              onFocus={(event) => event.currentTarget.select()}
              className="block min-h-16 w-full resize-none rounded-lg border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm break-all text-zinc-900 focus-visible:outline-offset-0 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
            />
            <Button ref={copyRef} variant="secondary" className="shrink-0" onClick={() => void copy()}>
              <CopyIcon />
              Copy
            </Button>
          </div>
          <p id={`${id}-copy-status`} aria-live="polite" className="min-h-5 text-sm">
            {copyStatus === 'copied' ? (
              <span className="inline-flex items-center gap-1.5 font-medium text-emerald-700 dark:text-emerald-300">
                <CheckIcon />
                Copied
              </span>
            ) : copyStatus === 'manual' ? (
              <span className="text-zinc-800 dark:text-zinc-200">
                Couldn’t reach the clipboard, so the text is selected. Press Ctrl+C (⌘C on Mac) to copy.
              </span>
            ) : null}
          </p>
        </div>

        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-zinc-200 px-4 py-3 text-sm sm:grid-cols-[auto_1fr] dark:border-zinc-800">
          <dt className="font-medium text-zinc-600 dark:text-zinc-400">Name</dt>
          <dd className="-mt-2 break-words text-zinc-900 sm:mt-0 dark:text-zinc-100">{apiKey.name}</dd>
          <dt className="font-medium text-zinc-600 dark:text-zinc-400">Environment</dt>
          <dd className="-mt-2 sm:mt-0">
            <EnvironmentBadge id={apiKey.environment} environments={environments} />
          </dd>
          <dt className="font-medium text-zinc-600 dark:text-zinc-400">Scopes</dt>
          <dd className="-mt-2 sm:mt-0">
            <ScopeList scopes={apiKey.scopes} />
          </dd>
          <dt className="font-medium text-zinc-600 dark:text-zinc-400">Expires</dt>
          <dd className="-mt-2 text-zinc-900 sm:mt-0 dark:text-zinc-100">
            <time dateTime={apiKey.expiresAt}>{formatDate(expiresAt)}</time>{' '}
            <span className="text-zinc-600 dark:text-zinc-400">({daysFromNowLabel(expiresAt, now)})</span>
          </dd>
        </dl>
      </div>
    </Dialog>
  );
}

function CopyIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6">
      <rect x="7" y="7" width="10" height="10" rx="2" />
      <path d="M13 7V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h2" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M4.5 10.5l3.5 3.5 7.5-8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
