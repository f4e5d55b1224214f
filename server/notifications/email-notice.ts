import type { EventPayload, EventToken } from '../../src/contract/events';

export type EmailNotice = { subject: string; text: string; html: string };

/** The token's page with its rotate dialog open (`?rotate=1`): where every reminder leads. */
export const rotateUrlOf = (token: Pick<EventToken, 'url'>) => {
  const url = new URL(token.url);
  url.searchParams.set('rotate', '1');
  return url.toString();
};

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** What the email says, in plain sentences: rendered as text and as HTML from the same parts. */
type Parts = { subject: string; lead: string; detail: string | null; action: { label: string; url: string } };

function partsOf(message: EventPayload, token: EventToken): Parts {
  const name = `“${token.name}”`;
  const whose = token.owner.kind === 'service_account' ? `The token ${name} of ${token.owner.username}` : `Your token ${name}`;
  const rotate = { label: 'Rotate it now', url: rotateUrlOf(token) };
  const look = { label: 'See what happened', url: token.url };
  switch (message.type) {
    case 'token.expiring': {
      const days = message.data.expiring?.daysBefore ?? 0;
      const when = days === 1 ? 'tomorrow' : `in ${days} days`;
      return {
        subject: `${whose} expires ${when}`,
        lead: `${whose} expires ${when}, on ${utc(token.expiresAt)}. Whatever uses it stops working then.`,
        detail: 'Rotating gives it a new secret and a new expiry, with the same name, environment and scopes.',
        action: rotate,
      };
    }
    case 'token.expired':
      return {
        subject: `${whose} has expired`,
        lead: `${whose} expired on ${utc(token.expiresAt)}. Calls made with it are refused.`,
        detail: 'Renew it to get a new secret with the same name, environment and scopes.',
        action: { ...rotate, label: 'Renew it' },
      };
    case 'token.revoked': {
      const cause = message.data.revocation?.cause;
      const by =
        cause === 'owner_deactivated'
          ? `because ${token.owner.username} was deactivated`
          : message.data.actor
            ? `by ${message.data.actor.username}`
            : 'by an administrator';
      return {
        subject: `${whose} was revoked`,
        lead: `${whose} was revoked ${by}. Calls made with it are refused from now on.`,
        detail: 'If something still needs it, create a new token for it.',
        action: look,
      };
    }
    case 'token.leaked': {
      const grace = message.data.leak?.effect === 'grace_ended';
      const where = message.data.leak?.url ? ` It was found at ${message.data.leak.url}.` : '';
      return {
        subject: `${whose} was reported leaked`,
        lead: grace
          ? `A replaced secret of ${whose.charAt(0).toLowerCase()}${whose.slice(1)} was reported leaked, and Keyline stopped it at once.${where}`
          : `${whose} was reported leaked, and Keyline revoked it at once.${where}`,
        detail: grace
          ? 'The current secret still works. Rotate it if it may have been exposed the same way.'
          : 'Create a new token for whatever used it, and keep the secret out of code and logs.',
        action: grace ? rotate : look,
      };
    }
    default:
      throw new Error(`No email notice for ${message.type}`);
  }
}

/**
 * The email a notice is sent as: plain text and HTML saying the same, naming the token, its
 * environment and its last use, with a link to act on it. Never a secret (events hold none).
 */
export function renderEmailNotice(message: EventPayload): EmailNotice {
  const token = message.data.token;
  if (!token) throw new Error(`${message.type} names no token`);
  const parts = partsOf(message, token);
  const facts: [string, string][] = [
    ['Token', `${token.name} (${token.hint})`],
    ['Environment', token.environment],
    ['Last used', token.lastUsedAt ? utc(token.lastUsedAt) : 'never'],
    ['Expires', utc(token.expiresAt)],
  ];
  if (token.owner.kind === 'service_account') facts.splice(1, 0, ['Service account', token.owner.username]);
  const preferencesUrl = new URL('/account/security', token.url).toString();

  const text = [
    parts.lead,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    ...(parts.detail ? [parts.detail, ''] : []),
    `${parts.action.label}: ${parts.action.url}`,
    '',
    '—',
    `Keyline. Expiry reminders can be turned off at ${preferencesUrl}; notices of revocation and leaks always go.`,
    '',
  ].join('\n');

  const cell = 'padding:4px 16px 4px 0;vertical-align:top';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#18181b;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<p>${escapeHtml(parts.lead)}</p>
<table role="presentation" style="border-collapse:collapse;margin:16px 0">
${facts.map(([label, value]) => `<tr><th scope="row" style="${cell};text-align:left;color:#52525b;font-weight:500">${escapeHtml(label)}</th><td style="${cell}">${escapeHtml(value)}</td></tr>`).join('\n')}
</table>
${parts.detail ? `<p>${escapeHtml(parts.detail)}</p>\n` : ''}<p><a href="${escapeHtml(parts.action.url)}" style="display:inline-block;background:#4f46e5;color:#ffffff;padding:8px 16px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(parts.action.label)}</a></p>
<p style="color:#71717a;font-size:13px;margin-top:32px">Keyline. Expiry reminders can be turned off on <a href="${escapeHtml(preferencesUrl)}" style="color:#4f46e5">My account → Security</a>; notices of revocation and leaks always go.</p>
</body></html>
`;
  // A header is one line: a control character in a token's name must not end it.
  return { subject: parts.subject.replace(/\p{Cc}+/gu, ' '), text, html };
}
