import { z } from 'zod/mini';

export const errorTypes = [
  'authentication_error',
  'permission_error',
  'not_found_error',
  'invalid_request_error',
  'rate_limit_error',
  'api_error',
] as const;

export const errorTypeSchema = z.enum(errorTypes);
export type ErrorType = z.infer<typeof errorTypeSchema>;

/** The one error shape every API failure uses. `fields` maps a request field to its message. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    type: errorTypeSchema,
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/**
 * The error type an HTTP status stands for: what the server answers for a failure it did not
 * describe itself, and what a client assumes when a failure carries no envelope.
 */
export function errorTypeForStatus(status: number): ErrorType {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 400 && status < 500) return 'invalid_request_error';
  return 'api_error';
}
