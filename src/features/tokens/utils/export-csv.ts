import { adminApiKeyListSchema, type AdminApiKey } from '../../../contract/admin';
import { paths } from '../../../contract/paths';
import { api } from '../../../lib/api-client';
import type { ReviewQuery } from './review-params';
import { tokensToCsv } from './tokens-csv';

/** Pages through every token matching `query` (200 at a time, the API's maximum). */
export async function fetchAllMatching(
  query: ReviewQuery,
  { signal, onProgress }: { signal?: AbortSignal; onProgress?: (loaded: number) => void } = {},
): Promise<AdminApiKey[]> {
  const tokens: AdminApiKey[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get(paths.adminApiKeys, {
      query: { ...query, limit: 200, cursor },
      schema: adminApiKeyListSchema,
      signal,
    });
    tokens.push(...page.data);
    onProgress?.(tokens.length);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return tokens;
}

/** Hands the CSV to the browser as a download; the object URL is released right after. */
export function downloadCsv(tokens: readonly AdminApiKey[], fileName: string): void {
  const url = URL.createObjectURL(new Blob([tokensToCsv(tokens)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: some browsers start the download only after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
