import type { ApiKey } from '../../../contract/tokens';

export const csvColumns = [
  'id',
  'name',
  'owner',
  'environment',
  'scopes',
  'status',
  'createdAt',
  'lastUsedAt',
  'expiresAt',
  'revokedAt',
] as const;

/**
 * RFC 4180 quoting. A leading =, +, - or @ is prefixed with ' so a spreadsheet shows a token name
 * such as "=HYPERLINK(…)" as text instead of running it (CSV injection).
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One row per token; times in ISO 8601 (UTC), scopes space-separated. There is no secret to leak: ApiKey has none. */
export function tokensToCsv(tokens: readonly ApiKey[]): string {
  const rows = tokens.map((token) =>
    [
      token.id,
      token.name,
      token.owner.username,
      token.environment,
      token.scopes.join(' '),
      token.status,
      token.createdAt,
      token.lastUsedAt,
      token.expiresAt,
      token.revokedAt,
    ]
      .map(csvField)
      .join(','),
  );
  return [csvColumns.join(','), ...rows].join('\r\n') + '\r\n';
}
