import type { ApiKey } from '../../../contract/tokens';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { expiringSoonLabel } from '../utils/expiry-warnings';
import { describeExpiry } from '../utils/token-times';

type ExpiryBannerProps = {
  /**
   * From the server, over every token whatever the list shows: how many active tokens expire within
   * 7 days, and the soonest few.
   */
  expiring: { count: number; data: readonly ApiKey[] } | undefined;
  now: Date;
  onRotate: (token: ApiKey) => void;
  /** Offered when there are more than the few shown: the list, soonest expiry first. */
  onShowAll: () => void;
};

/** "2 tokens expire within 7 days", each with a one-click Rotate. Nothing when none do. */
export function ExpiryBanner({ expiring, now, onRotate, onShowAll }: ExpiryBannerProps) {
  if (!expiring || expiring.count === 0) return null;
  const more = expiring.count - expiring.data.length;
  return (
    <section aria-label="Expiring tokens">
      <Alert tone="warning" title={expiringSoonLabel(expiring.count)}>
        <p>Rotate them before they stop working: you get a new secret with the same settings.</p>
        <ul className="mt-2 space-y-1.5">
          {expiring.data.map((token) => (
            <li key={token.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="font-medium break-words">{token.name}</span>
              <span className="text-amber-800 dark:text-amber-200">{describeExpiry(token.expiresAt, now).label}</span>
              <Button variant="secondary" size="sm" aria-label={`Rotate ${token.name}`} onClick={() => onRotate(token)}>
                Rotate
              </Button>
            </li>
          ))}
        </ul>
        {more > 0 ? (
          <Button variant="ghost" size="sm" className="mt-2 -ml-2" onClick={onShowAll}>
            {`Show all ${expiring.count}, soonest first`}
          </Button>
        ) : null}
      </Alert>
    </section>
  );
}
