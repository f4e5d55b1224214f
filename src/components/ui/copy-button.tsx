import { useEffect, useState } from 'react';
import { Button } from './button';

type CopyButtonProps = {
  text: string;
  /** Accessible name, e.g. "Copy curl command". */
  label: string;
  /** Where the Clipboard API is missing or refused: select the text so the user can copy it. */
  onFallback?: () => void;
};

const resetAfterMs = 2000;

/** Copies `text`; says "Copied" (visibly and to screen readers), or falls back to selecting it. */
export function CopyButton({ text, label, onFallback }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'selected'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const id = window.setTimeout(() => setState('idle'), resetAfterMs);
    return () => window.clearTimeout(id);
  }, [state]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('No clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      onFallback?.();
      setState('selected');
    }
  }

  return (
    <>
      <Button variant="secondary" size="sm" aria-label={label} onClick={() => void copy()}>
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4">
          {state === 'copied' ? (
            <path d="m4.5 10.5 3.5 3.5 7.5-8" strokeLinecap="round" strokeLinejoin="round" />
          ) : (
            <>
              <rect x="7" y="7" width="9" height="9" rx="1.5" />
              <path d="M13 4.5H5.5A1.5 1.5 0 0 0 4 6v7.5" strokeLinecap="round" />
            </>
          )}
        </svg>
        <span aria-hidden="true">{state === 'copied' ? 'Copied' : 'Copy'}</span>
      </Button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Copied' : state === 'selected' ? 'Couldn’t copy automatically. The text is selected: press Ctrl+C or ⌘C.' : ''}
      </span>
    </>
  );
}
