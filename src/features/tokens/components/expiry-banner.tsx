import type { ApiKey } from '../../../contract/tokens';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { isExpiringSoon, expiringSoonLabel } from '../utils/expiry-warnings';
import { describeExpiry } from '../utils/token-times';

type ExpiryBannerProps = {
  /** Active tokens; the banner picks those expiring within a week. */
  tokens: readonly ApiKey[] | undefined;
  now: Date;
  onRotate: (token: ApiKey) => void;
};

/** "2 tokens expire within 7 days", each with a one-click Rotate. Nothing when none do. */
export function ExpiryBanner({ tokens, now, onRotate }: ExpiryBannerProps) {
  const expiring = (tokens ?? []).filter((token) => isExpiringSoon(token, now));
  if (expiring.length === 0) return null;
  return (
    <section aria-label="Expiring tokens">
      <Alert tone="warning" title={expiringSoonLabel(expiring.length)}>
        <p>Rotate them before they stop working: you get a new secret with the same settings.</p>
        <ul className="mt-2 space-y-1.5">
          {expiring.map((token) => (
            <li key={token.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="font-medium break-words">{token.name}</span>
              <span className="text-amber-800 dark:text-amber-200">{describeExpiry(token.expiresAt, now).label}</span>
              <Button variant="secondary" size="sm" aria-label={`Rotate ${token.name}`} onClick={() => onRotate(token)}>
                Rotate
              </Button>
            </li>
          ))}
        </ul>
      </Alert>
    </section>
  );
}
