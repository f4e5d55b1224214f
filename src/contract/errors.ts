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
