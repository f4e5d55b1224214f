import type { ApiKey } from '../../../contract/tokens';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { formatExactTime } from '../../../lib/relative-time';

type GracePeriodNoticeProps = {
  rotation: NonNullable<ApiKey['rotation']>;
  /** Only the owner may end it. */
  canEnd: boolean;
  isEnding: boolean;
  onEnd: () => void;
};

/** After a rotate: until when the previous secret works, and whether anything still uses it. */
export function GracePeriodNotice({ rotation, canEnd, isEnding, onEnd }: GracePeriodNoticeProps) {
  const uses = rotation.previousSecretUses;
  return (
    <Alert
      tone="warning"
      title="The previous secret still works"
      action={
        canEnd ? (
          <Button variant="secondary" size="sm" disabled={isEnding} onClick={onEnd}>
            {isEnding ? 'Ending…' : 'End grace period now'}
          </Button>
        ) : null
      }
    >
      Until {formatExactTime(new Date(rotation.previousSecretValidUntil))}. Used {uses === 1 ? 'once' : `${uses} times`} since
      the rotate{uses === 0 ? ' — nothing seems to depend on it any more.' : '.'}
    </Alert>
  );
}
