import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveTarget } from './ssrf';

export type SendResult = { delivered: boolean; responseStatus: number | null; latencyMs: number; error: string | null };

/**
 * POSTs `body` to `url` once: to the checked address only (the name is resolved once, by the guard,
 * and the connection is pinned to that answer; TLS still checks the certificate against the name),
 * within `timeoutMs` for the whole exchange, never following a redirect. A 2xx is delivered.
 */
export async function postSigned(input: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  now: () => number;
}): Promise<SendResult> {
  const started = input.now();
  const elapsed = () => Math.max(0, Math.round(input.now() - started));
  const url = URL.canParse(input.url) ? new URL(input.url) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return { delivered: false, responseStatus: null, latencyMs: 0, error: 'Not an http(s) URL' };
  }
  const target = await resolveTarget(url, input.allowPrivate);
  if (!target.ok) return { delivered: false, responseStatus: null, latencyMs: elapsed(), error: target.reason };
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  return new Promise<SendResult>((resolve) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Keyline-Webhooks/1', ...input.headers },
      lookup: pinned,
      agent: false,
    });
    const timer = setTimeout(() => {
      request.destroy(new Error('timeout'));
    }, input.timeoutMs);
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      // The answer's body is not needed: drain it so the socket can close.
      response.resume();
      response.on('end', () => clearTimeout(timer));
      const error =
        status >= 200 && status < 300
          ? null
          : status >= 300 && status < 400
            ? `Redirect not followed (${status})`
            : `The endpoint answered ${status}`;
      resolve({ delivered: error === null, responseStatus: status, latencyMs: elapsed(), error });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const reason = error.message === 'timeout' ? `Timed out after ${input.timeoutMs / 1000} s` : `Could not connect (${error.code ?? 'error'})`;
      resolve({ delivered: false, responseStatus: null, latencyMs: elapsed(), error: reason });
    });
    request.end(input.body);
  });
}
