import type { z } from 'zod/mini';
import { fromZodError } from './errors';

/** zValidator hook: invalid input becomes our 400 envelope instead of zod's raw result. */
export function rejectInvalid(result: { success: true } | { success: false; error: z.core.$ZodError }): void {
  if (!result.success) throw fromZodError(result.error);
}
