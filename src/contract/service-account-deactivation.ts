import { z } from 'zod/mini';
import { offboardingTokenSchema } from './members';
import { serviceAccountSchema } from './service-accounts';

// Apart from service-accounts.ts, which every page's navigation loads: the people schemas come only with the dialog.

/** `GET /api/service-accounts/:id/deactivation`: the offboarding preview's token list, for a service account. */
export const serviceAccountDeactivationPreviewSchema = z.object({
  serviceAccount: serviceAccountSchema,
  /** Most recently used first; never used last. */
  tokens: z.array(offboardingTokenSchema),
  /** Of `tokens`, how many were used within `recentUseDays`. */
  recentlyUsed: z.int(),
});
export type ServiceAccountDeactivationPreview = z.infer<typeof serviceAccountDeactivationPreviewSchema>;
