import { revocationReasonLabels, type ApiKey } from '../../../contract/tokens';

export const csvColumns = [
  'id',
  'name',
  'owner',
  'ownerType',
  'environment',
  'scopes',
  'scopesUsed',
  'status',
  'createdAt',
  'lastUsedAt',
  'expiresAt',
  'revokedAt',
  'revokedBy',
  'revokedReason',
] as const;

/**
 * Where a spreadsheet could start a cell inside a field: at its start, or after a separator or line break.
 * The file uses ',', but spreadsheets open a .csv with ';' or a tab too (by locale, or as picked on import),
 * and a quote that is not at the start of a cell under that separator does not protect what follows it.
 * A cell that starts (after spaces or quotes) with =, +, -, @, a tab or CR runs as a formula (CSV injection).
 */
const formulaAfterSeparator = /[,;\t\r\n](?=[ "]*[=+\-@\t\r])/g;
const formulaAtStart = /^[ "]*[=+\-@\t\r]/;

/** Any separator a spreadsheet might split on, a quote or a line break: the field must be quoted to stay one cell. */
const needsQuotes = /[",;\t\r\n]/;

/**
 * RFC 4180 quoting, for every separator spreadsheets use. Wherever a cell could start with a formula,
 * a ' goes in first, so a token name such as "=HYPERLINK(…)" or "deploy;=1+1" shows as text instead of running.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  // After separators first: a field that starts with a tab is both a separator and a formula start.
  const defused = value.replace(formulaAfterSeparator, "$&'");
  const safe = formulaAtStart.test(defused) ? `'${defused}` : defused;
  return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * One row per token; times in ISO 8601 (UTC), scopes space-separated, and of those the ones used when
 * the review says so (empty when unknown). There is no secret to leak: ApiKey has none.
 */
export function tokensToCsv(tokens: readonly (ApiKey & { usedScopes?: readonly string[] })[]): string {
  const rows = tokens.map((token) =>
    [
      token.id,
      token.name,
      token.owner.username,
      token.owner.kind ?? 'person',
      token.environment,
      token.scopes.join(' '),
      token.usedScopes?.join(' ') ?? null,
      token.status,
      token.createdAt,
      token.lastUsedAt,
      token.expiresAt,
      token.revokedAt,
      token.revokedBy?.username ?? null,
      token.revokedReason ? revocationReasonLabels[token.revokedReason] : null,
    ]
      .map(csvField)
      .join(','),
  );
  return [csvColumns.join(','), ...rows].join('\r\n') + '\r\n';
}
