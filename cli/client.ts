import type { z } from 'zod/mini';
import { csrfHeader } from '../src/contract/headers';
import { CliError, errorFromResponse, type CredentialKind } from './errors';
import type { Io } from './io';

/** The longest `Retry-After` the CLI waits out by itself; beyond it, it says how long and stops. */
export const maxRetryWaitSeconds = 60;

export type ClientOptions = { baseUrl: string; token: string | null; credential: CredentialKind; userAgent: string };

type Send = { method?: string; json?: unknown; query?: Record<string, string | undefined> };

export type Client = ReturnType<typeof createClient>;

/**
 * The CLI's one way to the API: bearer auth, JSON, a 429 waited out once (after `Retry-After`),
 * network failures and error envelopes mapped to one `CliError`, answers parsed with the contract.
 */
export function createClient(io: Io, options: ClientOptions) {
  async function sendOnce(path: string, { method = 'GET', json, query }: Send): Promise<Response> {
    const url = new URL(path, options.baseUrl);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': options.userAgent };
    // Without a bearer token (the device login's own calls) the API asks for its CSRF header.
    headers[csrfHeader.name] = csrfHeader.value;
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await io.fetch(url, { method, headers, body: json === undefined ? undefined : JSON.stringify(json), redirect: 'error' });
    } catch {
      throw new CliError('network_error', `Could not reach ${url.origin}: is the server running, and is KEYLINE_URL right?`);
    }
  }

  /** The raw answer, after waiting out one 429. */
  async function send(path: string, request: Send = {}): Promise<Response> {
    const first = await sendOnce(path, request);
    if (first.status !== 429) return first;
    const wait = retryAfterSeconds(first);
    if (wait === undefined || wait > maxRetryWaitSeconds) return first;
    await first.body?.cancel();
    await io.sleep(wait * 1000);
    return sendOnce(path, request);
  }

  /** A parsed success, or the failure as a `CliError`. */
  async function call<T>(path: string, schema: z.ZodMiniType<T>, request: Send = {}): Promise<T> {
    const res = await send(path, request);
    const body = await readJson(res);
    if (!res.ok) throw errorFromResponse(res.status, body, options.credential, io.now(), retryAfterSeconds(res));
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new CliError('unexpected_response', `The server at ${options.baseUrl} answered something this CLI does not understand: is it Keyline?`);
    return parsed.data;
  }

  /** A success without a body (204), or the failure as a `CliError`. */
  async function callNoContent(path: string, request: Send): Promise<void> {
    const res = await send(path, request);
    if (res.ok) return;
    throw errorFromResponse(res.status, await readJson(res), options.credential, io.now(), retryAfterSeconds(res));
  }

  return { send, call, callNoContent, readJson };
}

export async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function retryAfterSeconds(res: Response): number | undefined {
  const value = Number(res.headers.get('Retry-After'));
  return Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined;
}
