import type { z } from 'zod/mini';
import { errorEnvelopeSchema, errorTypeForStatus, type ErrorType } from '../contract/errors';
import { csrfHeader } from '../contract/headers';

/** Every way a call can fail: the API's own error types plus the two the client adds. */
export type ApiErrorType = ErrorType | 'network_error' | 'invalid_response';

type ApiErrorInit = {
  status: number;
  type: ApiErrorType;
  message: string;
  fields?: Record<string, string>;
  retryAfter?: number;
};

/** The one error type the UI deals with. `status` is 0 when the server was never reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: ApiErrorType;
  readonly fields: Record<string, string>;
  /** Seconds to wait before trying again, from `Retry-After` (429/503). */
  readonly retryAfter: number | undefined;

  constructor({ status, type, message, fields, retryAfter }: ApiErrorInit) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.type = type;
    this.fields = fields ?? {};
    this.retryAfter = retryAfter;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** What to tell a person about a failed call: the API's own sentence, or a general one for anything else. */
export function errorMessage(error: unknown): string {
  return isApiError(error) ? error.message : 'Something went wrong. Try again.';
}

/** A failed submit's message above the form, unless the failure is already shown beside its fields. */
export function formErrorMessage(error: unknown, shownBesideFields: boolean): string | undefined {
  return error && !shownBesideFields ? errorMessage(error) : undefined;
}

type QueryValue = string | number | boolean | null | undefined;

type RequestOptions<T> = {
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** Parses the success body. Without one, the body is ignored and the call resolves to undefined. */
  schema?: z.ZodMiniType<T>;
  signal?: AbortSignal;
};

type WithSchema<T> = RequestOptions<T> & { schema: z.ZodMiniType<T> };
type WithoutSchema = Omit<RequestOptions<never>, 'schema'>;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function buildUrl(path: string, query: RequestOptions<unknown>['query']): URL {
  // An absolute URL on our own origin: the API is served beside the SPA.
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url;
}

/** `Retry-After` is either delay-seconds or an HTTP date; we always answer in whole seconds. */
function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

const fallbackMessages: Record<ErrorType, string> = {
  authentication_error: 'You need to sign in again.',
  permission_error: 'You don’t have permission to do that.',
  not_found_error: 'We couldn’t find that.',
  invalid_request_error: 'Some of the details aren’t valid.',
  rate_limit_error: 'Too many requests. Wait a moment and try again.',
  api_error: 'Something went wrong on our side. Try again in a moment.',
};

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const envelope = errorEnvelopeSchema.safeParse(await readJson(response));
  if (envelope.success) {
    const { type, message, fields } = envelope.data.error;
    return new ApiError({ status: response.status, type, message, fields, retryAfter });
  }
  const type = errorTypeForStatus(response.status);
  return new ApiError({ status: response.status, type, message: fallbackMessages[type], retryAfter });
}

async function request<T>(method: Method, path: string, options: RequestOptions<T>): Promise<T | undefined> {
  const { query, body, schema, signal } = options;
  const headers = new Headers({ Accept: 'application/json', [csrfHeader.name]: csrfHeader.value });
  if (body !== undefined) headers.set('Content-Type', 'application/json');

  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    // A cancelled request is not a failure: let the caller (TanStack Query) see the abort as is.
    if (signal?.aborted) throw error;
    throw new ApiError({
      status: 0,
      type: 'network_error',
      message: 'We couldn’t reach Keyline. Check your connection and try again.',
    });
  }

  if (!response.ok) throw await toApiError(response);
  if (!schema) return undefined;

  const payload = response.status === 204 ? undefined : await readJson(response);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      type: 'invalid_response',
      message: 'Keyline sent an answer this page doesn’t understand. Reload the page and try again.',
    });
  }
  return parsed.data;
}

function method(name: Method) {
  function call<T>(path: string, options: WithSchema<T>): Promise<T>;
  function call(path: string, options?: WithoutSchema): Promise<undefined>;
  function call<T>(path: string, options: RequestOptions<T> = {}): Promise<T | undefined> {
    return request(name, path, options);
  }
  return call;
}

/** Same-origin JSON client for `/api`: every success body is parsed, every failure is an `ApiError`. */
export const api = {
  get: method('GET'),
  post: method('POST'),
  put: method('PUT'),
  patch: method('PATCH'),
  delete: method('DELETE'),
};
