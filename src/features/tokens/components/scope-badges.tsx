import { Badge } from '../../../components/ui/badge';

/** Every scope of a token as a badge; write scopes stand out. */
export function ScopeBadges({ scopes, label }: { scopes: readonly string[]; label?: string }) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {scopes.map((scope) => (
        <li key={scope}>
          <Badge tone={scope.startsWith('write:') ? 'accent' : 'neutral'} className="font-mono">
            {scope}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
