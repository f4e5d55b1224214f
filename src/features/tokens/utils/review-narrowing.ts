import { mutationOptions } from '@tanstack/react-query';
import { bulkNarrowPlan, bulkNarrowResponseSchema, type AdminApiKey, type BulkNarrowResponse } from '../../../contract/admin';
import { paths } from '../../../contract/paths';
import { api } from '../../../lib/api-client';

/** One selected row and what "Remove unused scopes" would do to it. */
export type NarrowingPreview = { token: AdminApiKey; plan: ReturnType<typeof bulkNarrowPlan> };

/** The selected rows on screen, each with the contract's plan: the removals first, then the rows it would skip. */
export function previewNarrowing(tokens: readonly AdminApiKey[], selected: ReadonlySet<string>): NarrowingPreview[] {
  const previews = tokens.filter((token) => selected.has(token.id)).map((token) => ({ token, plan: bulkNarrowPlan(token) }));
  return [...previews.filter((p) => p.plan.ok), ...previews.filter((p) => !p.plan.ok)];
}

const count = new Intl.NumberFormat('en');

/** "Narrowed 2 tokens, skipped 1." */
export function narrowingSummary(result: BulkNarrowResponse): string {
  const narrowed = result.narrowed.length;
  const skipped = result.skipped.length;
  const tokens = `${count.format(narrowed)} ${narrowed === 1 ? 'token' : 'tokens'}`;
  return `Removed unused scopes from ${tokens}${skipped > 0 ? `, skipped ${count.format(skipped)}` : ''}.`;
}

/** `POST /api/admin/api-keys/narrow`: every token query and every usage query see the narrower scopes. */
export const bulkNarrowMutation = () =>
  mutationOptions({
    mutationKey: ['tokens', 'review', 'narrow'],
    mutationFn: (ids: string[]) => api.post(paths.adminApiKeysNarrow, { body: { ids }, schema: bulkNarrowResponseSchema }),
    meta: { invalidates: [['tokens'], ['usage']] },
  });
