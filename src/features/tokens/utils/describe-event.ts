import type { ApiKeyEvent, GracePeriod } from '../../../contract/lifecycle';
import { clientKindLabels as clientLabels } from '../../../contract/user-agent';

// What was planned at the rotate; whether the old secret lasted that long is a later event's to say.
const graceLabels: Record<GracePeriod, string> = {
  none: 'the old secret stopped working at once',
  '1h': 'the old secret allowed for 1 hour',
  '24h': 'the old secret allowed for 24 hours',
  '7d': 'the old secret allowed for 7 days',
};

const reasonLabels: Record<NonNullable<ApiKeyEvent['reason']>, string> = {
  revoked: 'after the token was revoked',
  expired: 'after the token expired',
  previous_secret: 'with the secret replaced by a rotate',
  owner_deactivated: 'after its owner was deactivated',
  reported_leaked: 'after it was reported leaked',
};

/** "reported leaked at https://…" — the place a scanner found the secret, when it said. */
const reportedLeaked = (event: Pick<ApiKeyEvent, 'leakUrl'>) => `reported leaked${event.leakUrl ? ` at ${event.leakUrl}` : ''}`;

/** "from 203.0.113.9 with curl" — whatever of the two is known. */
export function describeOrigin(event: Pick<ApiKeyEvent, 'ip' | 'client'>): string {
  const parts = [event.ip ? `from ${event.ip}` : null, event.client ? `with ${clientLabels[event.client]}` : null];
  return parts.filter(Boolean).join(' ');
}

/** One line for the timeline: what happened and who did it. */
export function describeEvent(event: ApiKeyEvent): { title: string; detail: string | null } {
  const by = event.actor ? ` by ${event.actor.username}` : '';
  const origin = describeOrigin(event) || null;
  switch (event.type) {
    case 'created':
      return { title: `Created${by}`, detail: event.via === 'device_login' ? `Created via device login${event.ip ? ` from ${event.ip}` : ''}` : null };
    case 'first_used':
      return { title: 'First used', detail: origin };
    case 'last_used':
      return { title: 'Last used', detail: origin };
    case 'rotated':
      return { title: `Rotated${by}`, detail: event.gracePeriod ? `New secret; ${graceLabels[event.gracePeriod]}.` : null };
    case 'grace_ended':
      if (event.reason === 'reported_leaked') {
        return { title: `Grace period ended: old secret ${reportedLeaked(event)}`, detail: 'The old secret stopped working; the current one was not reported and keeps working.' };
      }
      return { title: `Grace period ended early${by}`, detail: 'The old secret stopped working.' };
    case 'revoked':
      if (event.reason === 'reported_leaked') {
        return { title: `Revoked: ${reportedLeaked(event)}`, detail: event.leakUrl ? 'A secret scanner found its secret there.' : 'Someone holding its secret reported it.' };
      }
      return { title: `Revoked${by}`, detail: event.reason === 'owner_deactivated' ? 'Its owner was deactivated.' : null };
    case 'rejected': {
      const attempts = event.count === 1 ? '1 rejected attempt' : `${event.count} rejected attempts`;
      const reason = event.reason ? ` ${reasonLabels[event.reason]}` : '';
      return { title: `${attempts}${reason}`, detail: origin ? `Latest ${origin}` : null };
    }
    case 'scopes_narrowed':
      return { title: `Scopes narrowed${by}`, detail: event.scopesRemoved?.length ? `Removed ${event.scopesRemoved.join(', ')}.` : null };
  }
}
