import type { ApiKey, ApiKeyStatus } from '../../../contract/tokens';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { isExpiringSoon } from '../utils/expiry-warnings';

const statusBadges: Record<ApiKeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

export function TokenStatusBadge({ status }: { status: ApiKeyStatus }) {
  const { label, tone } = statusBadges[status];
  return <Badge tone={tone}>{label}</Badge>;
}

/** The status, and "Expires soon" on an active token that stops working within a week. */
export function TokenStatusBadges({ token, now }: { token: ApiKey; now: Date }) {
  return (
    <>
      <TokenStatusBadge status={token.status} />
      {isExpiringSoon(token, now) ? <Badge tone="warning">Expires soon</Badge> : null}
    </>
  );
}
