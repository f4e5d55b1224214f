import type { Environment } from '../../../contract/policy';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { describeEnvironment, type EnvironmentRank } from '../utils/environment-rank';

const tones: Record<Exclude<EnvironmentRank, 'highest'>, BadgeTone> = { lowest: 'neutral', between: 'info', unlisted: 'accent' };

type EnvironmentBadgeProps = {
  id: string;
  /** The policy's environments: the label and tone come from them. Undefined while the policy loads. */
  environments: readonly Environment[] | undefined;
};

/** A token's environment; the policy's most sensitive one stands out. */
export function EnvironmentBadge({ id, environments }: EnvironmentBadgeProps) {
  // Never the bare id: a grey placeholder until the policy says the label and how sensitive it is.
  if (!environments) {
    return (
      <span className="inline-flex h-5 w-20 animate-pulse rounded-full bg-zinc-200 dark:bg-zinc-800">
        <span className="sr-only">Loading environment…</span>
      </span>
    );
  }
  const { label, rank } = describeEnvironment(id, environments);
  if (rank === 'highest') {
    return (
      <Badge tone="warning" className="font-semibold">
        <span aria-hidden="true" className="size-1.5 rounded-full bg-amber-500" />
        {label}
      </Badge>
    );
  }
  return <Badge tone={tones[rank]}>{label}</Badge>;
}
