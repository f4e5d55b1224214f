import { useRef } from 'react';
import { Alert } from '../../../components/ui/alert';
import { CopyButton } from '../../../components/ui/copy-button';

/** The one time a signing secret is shown: what it is for, and a way to copy it. */
export function SigningSecret({ secret }: { secret: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="space-y-3">
      <Alert tone="info" title="Copy the signing secret now">
        Your receiver verifies every delivery with it (Standard Webhooks: the <code>webhook-signature</code> header). This is the only time
        it is shown; if it is lost, rotate it.
      </Alert>
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor="webhook-signing-secret">
          Signing secret
        </label>
        <input
          ref={input}
          id="webhook-signing-secret"
          readOnly
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
          className="block h-10 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-3 font-mono text-xs text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
        />
        <CopyButton text={secret} label="Copy secret" onFallback={() => input.current?.select()} />
      </div>
    </div>
  );
}
