import { z } from 'zod/mini';
import { apiKeySchema } from './tokens';
import { timestampSchema } from './timestamp';

/**
 * Device authorization (RFC 8628), how the CLI signs in: it asks `POST /api/device/code` for a pair
 * of codes, shows the short user code, and polls `POST /api/device/token` with the long device code
 * while the person compares the user code on `/activate` and approves or denies it there.
 * Like every state-changing call without a bearer token, the machine's two calls send JSON and the
 * `csrfHeader` (see `headers.ts`): a web page cannot start or collect a device login in a visitor's name.
 */

/** RFC 8628 §6.1: 20 consonants, no vowels (no words) and nothing that looks like a digit. */
export const userCodeAlphabet = 'BCDFGHJKLMNPQRSTVWXZ';
export const userCodeLength = 8;
/** How long a pair of codes works, and how often the CLI may poll (RFC 8628 `expires_in`, `interval`). */
export const deviceCodeLifetimeSeconds = 600;
export const devicePollIntervalSeconds = 5;
/** What `slow_down` adds to the interval each time a client polls too fast. */
export const deviceSlowDownSeconds = 5;

/**
 * The user code as stored and compared: upper case, without dashes or spaces, so `wdjb mjht`,
 * `WDJB-MJHT` and `wdjbmjht` are one code. Null for anything that cannot be a user code.
 */
export function normalizeUserCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== userCodeLength) return null;
  for (const char of code) if (!userCodeAlphabet.includes(char)) return null;
  return code;
}

/** `WDJBMJHT` → `WDJB-MJHT`: two halves are easier to read out and compare. */
export function formatUserCode(code: string): string {
  const half = userCodeLength / 2;
  return `${code.slice(0, half)}-${code.slice(half)}`;
}

/** The name of the token a device login mints, e.g. "CLI on build-01". */
export function deviceTokenName(hostname: string): string {
  return `CLI on ${hostname}`.slice(0, 100);
}

export const deviceCodeRequestSchema = z.strictObject({
  /** The program asking, e.g. "keyline CLI 1.2.0". */
  clientName: z.string({ error: 'Say which program is asking.' }).check(z.trim(), z.minLength(1, 'Say which program is asking.'), z.maxLength(100, 'At most 100 characters.')),
  hostname: z.string({ error: 'Give the machine’s hostname.' }).check(z.trim(), z.minLength(1, 'Give the machine’s hostname.'), z.maxLength(80, 'At most 80 characters.')),
  /** What the client would like; the person approving sees it and may change it within the policy. */
  environment: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  scopes: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(64, 'Too many scopes.'))),
  expiresInDays: z.optional(z.int({ error: 'Expiry must be a whole number of days.' }).check(z.minimum(1, 'Expiry must be at least 1 day.'))),
});
export type DeviceCodeRequest = z.infer<typeof deviceCodeRequestSchema>;

/** RFC 8628 §3.2, in this API's camelCase. The device code is the client's alone: it never leaves the machine. */
export const deviceCodeResponseSchema = z.object({
  deviceCode: z.string(),
  /** Formatted, e.g. `WDJB-MJHT`. */
  userCode: z.string(),
  verificationUri: z.string(),
  /** The page with the code filled in (`/activate?code=…`): the user code is meant to travel in it. */
  verificationUriComplete: z.string(),
  expiresIn: z.int(),
  interval: z.int(),
});
export type DeviceCodeResponse = z.infer<typeof deviceCodeResponseSchema>;

export const deviceTokenRequestSchema = z.strictObject({
  deviceCode: z.string({ error: 'Send the device code.' }).check(z.minLength(1, 'Send the device code.'), z.maxLength(200, 'That is not a device code.')),
});
export type DeviceTokenRequest = z.infer<typeof deviceTokenRequestSchema>;

/**
 * RFC 8628 §3.5 answers (with RFC 6749's `invalid_grant` for a code that is unknown or already spent).
 * Kept in the RFC's flat shape `{"error": "authorization_pending"}`, status 400, rather than the API's
 * `{"error": {"type", "message"}}` envelope: these are the states of a polling loop, not failures, and
 * any RFC 8628 client library reads them as they are.
 */
export const deviceTokenErrors = ['authorization_pending', 'slow_down', 'access_denied', 'expired_token', 'invalid_grant'] as const;
export const deviceTokenErrorSchema = z.object({
  error: z.enum(deviceTokenErrors),
  error_description: z.string(),
  /** slow_down: the interval to keep from now on, in seconds. */
  interval: z.optional(z.int()),
});
export type DeviceTokenError = z.infer<typeof deviceTokenErrorSchema>;

/** `POST /api/device/lookup` (session): which pending request a user code belongs to. In the body, not the URL. */
export const deviceLookupRequestSchema = z.strictObject({
  userCode: z.string({ error: 'Enter the code shown in your terminal.' }).check(z.maxLength(32, 'That is not a code from Keyline.')),
});

/** A pending request as the person deciding sees it: what asks, from where, and what it wants. */
export const deviceRequestSchema = z.object({
  id: z.string(),
  userCode: z.string(),
  clientName: z.string(),
  hostname: z.string(),
  ip: z.nullable(z.string()),
  userAgent: z.nullable(z.string()),
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
  environment: z.nullable(z.string()),
  scopes: z.array(z.string()),
  expiresInDays: z.nullable(z.int()),
  /** The token approving it makes, e.g. "CLI on build-01". */
  tokenName: z.string(),
});
export type DeviceRequest = z.infer<typeof deviceRequestSchema>;

/**
 * `POST /api/device/requests/:id/approve`: the id and the code of the one request the person looked
 * at, with the token settings chosen (the policy's rules apply, as on create).
 */
export const approveDeviceRequestSchema = z.strictObject({
  userCode: z.string().check(z.maxLength(32)),
  environment: z.string({ error: 'Choose an environment.' }).check(z.minLength(1, 'Choose an environment.')),
  scopes: z
    .array(z.string(), { error: 'Choose at least one scope.' })
    .check(z.minLength(1, 'Choose at least one scope.'), z.maxLength(64, 'Too many scopes.')),
  expiresInDays: z.int({ error: 'Expiry must be a whole number of days.' }).check(z.minimum(1, 'Expiry must be at least 1 day.')),
});
export type ApproveDeviceRequest = z.infer<typeof approveDeviceRequestSchema>;

/** The token made for the machine; its secret goes only to the machine, through `/api/device/token`. */
export const approveDeviceResponseSchema = z.object({ apiKey: apiKeySchema });
export type ApproveDeviceResponse = z.infer<typeof approveDeviceResponseSchema>;

/** `POST /api/device/requests/:id/deny`. */
export const denyDeviceRequestSchema = z.strictObject({ userCode: z.string().check(z.maxLength(32)) });
export type DenyDeviceRequest = z.infer<typeof denyDeviceRequestSchema>;
