import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { ErrorEnvelope, ErrorType } from '../src/contract/errors';

/** An expected failure, answered with the one error envelope by `app.onError`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: ErrorType,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toEnvelope(): ErrorEnvelope {
    return { error: { type: this.type, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export const notFound = () => new ApiError(404, 'not_found_error', 'Not found.');

export const invalidFields = (status: 400 | 422, fields: Record<string, string>, message = 'Check the highlighted fields.') =>
  new ApiError(status, 'invalid_request_error', message, fields);

// zod/mini (the contract's flavour, small for the SPA) ships no messages; the API answers in English.
z.config(en());

/** Maps zod issues to `fields`: field path → its first message. */
export function fromZodError(error: z.core.$ZodError): ApiError {
  const fields: Record<string, string> = {};
  let formMessage: string | undefined;
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= 'Unknown field.';
    } else if (issue.path.length === 0) {
      formMessage ??= issue.message;
    } else {
      fields[issue.path.join('.')] ??= issue.message;
    }
  }
  return new ApiError(400, 'invalid_request_error', formMessage ?? 'Check the highlighted fields.', fields);
}

/** zValidator hook: invalid input becomes our 400 envelope instead of zod's raw result. */
export function rejectInvalid(result: { success: true } | { success: false; error: z.core.$ZodError }): void {
  if (!result.success) throw fromZodError(result.error);
}
