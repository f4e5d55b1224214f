import { useState } from 'react';
import { Badge } from '../../../components/ui/badge';
import { cx } from '../../../lib/variants';
import { summarizeScopes } from '../utils/summarize-scopes';

type ScopeListProps = {
  scopes: readonly string[];
  /** Show this many, and a "+N" button for the rest; every scope when left out. */
  collapseAfter?: number;
  label?: string;
  className?: string;
};

/** A token's scopes as badges; write scopes stand out. */
export function ScopeList({ scopes, collapseAfter, label = 'Scopes', className }: ScopeListProps) {
  const [expanded, setExpanded] = useState(false);
  if (scopes.length === 0) return <span className="text-zinc-600 dark:text-zinc-400">No scopes</span>;
  const { shown, hidden } = summarizeScopes(scopes, collapseAfter ?? scopes.length);
  const visible = expanded ? scopes : shown;
  return (
    <ul aria-label={label} className={cx('flex flex-wrap items-center gap-1', className)}>
      {visible.map((scope) => (
        <li key={scope}>
          <Badge tone={scope.startsWith('write:') ? 'accent' : 'neutral'} className="font-mono">
            {scope}
          </Badge>
        </li>
      ))}
      {hidden.length > 0 ? (
        <li>
          {/* A button, not a hover-only tooltip: it works with touch and keyboard, and says what it hides. */}
          <button
            type="button"
            aria-expanded={expanded}
            aria-label={expanded ? 'Show fewer scopes' : `Show ${hidden.length} more scopes: ${hidden.join(', ')}`}
            title={expanded ? undefined : hidden.join(', ')}
            onClick={() => setExpanded((value) => !value)}
            className="rounded px-1.5 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-50 hover:text-indigo-900 dark:text-indigo-300 dark:hover:bg-indigo-950 dark:hover:text-indigo-100"
          >
            {expanded ? 'Show fewer' : `+${hidden.length}`}
          </button>
        </li>
      ) : null}
    </ul>
  );
}
