import { z } from 'zod/mini';
import { holdsPermission, type CredentialOwner } from './service-accounts';

/**
 * Token introspection (RFC 7662): a resource server that received a bearer token asks whether it is
 * active and what it may do. The caller authenticates with its own token (`Authorization: Bearer`);
 * the body is a form (`application/x-www-form-urlencoded`, as the RFC says) or the same fields as JSON.
 * Field names are the RFC's (snake_case), not this API's camelCase, so off-the-shelf gateways can read them.
 */

export const introspectionRequestSchema = z.object({
  token: z.string({ error: 'Send the token to introspect as `token`.' }).check(
    z.minLength(1, 'Send the token to introspect as `token`.'),
    z.maxLength(4096, 'At most 4096 characters.'),
  ),
  /** RFC 7662 §2.1: a hint the server may ignore; Keyline has one kind of token. */
  token_type_hint: z.optional(z.string().check(z.maxLength(64, 'At most 64 characters.'))),
  /** One scope or several separated by spaces: granted when the token holds every one (or what implies it). */
  required_scope: z.optional(z.string().check(z.maxLength(1000, 'At most 1000 characters.'))),
});
export type IntrospectionRequest = z.infer<typeof introspectionRequestSchema>;

export const activeIntrospectionSchema = z.object({
  active: z.literal(true),
  /** Space-separated, as RFC 7662 §2.2 has it. */
  scope: z.string(),
  username: z.string(),
  /** The owner's id. */
  sub: z.string(),
  /** Seconds since the epoch: when this secret stops working (a replaced secret's grace period may end sooner). */
  exp: z.number(),
  iat: z.number(),
  token_type: z.literal('bearer'),
  environment: z.string(),
  keyline_token_id: z.string(),
  /** Only when `required_scope` was sent: whether the token may do it. */
  required_scope_granted: z.optional(z.boolean()),
});
export type ActiveIntrospection = z.infer<typeof activeIntrospectionSchema>;

/** Every inactive, unknown, malformed, expired or revoked token: this and nothing else (RFC 7662 §2.2). */
export const inactiveIntrospectionSchema = z.strictObject({ active: z.literal(false) });

export const introspectionResponseSchema = z.union([activeIntrospectionSchema, inactiveIntrospectionSchema]);
export type IntrospectionResponse = z.infer<typeof introspectionResponseSchema>;

/** `write:x` implies `read:x`: the scopes a held scope grants. */
export function scopesGrantedBy(held: string): string[] {
  const match = /^write:(.+)$/.exec(held);
  return match ? [held, `read:${match[1]}`] : [held];
}

/** Whether a token holding `held` may do `wanted`. */
export const grantsScope = (held: readonly string[], wanted: string): boolean =>
  held.some((scope) => scopesGrantedBy(scope).includes(wanted));

/** `required_scope` as a list: split on spaces, empty parts dropped, each once. */
export const requiredScopesOf = (requiredScope: string | undefined): string[] =>
  [...new Set((requiredScope ?? '').split(' ').filter((scope) => scope.length > 0))];

/**
 * Who may introspect: the one place the rule lives. A resource server's token, owned by a service
 * account an admin gave the `introspect` permission; never a person's token, never a browser session.
 */
export function mayIntrospect(caller: { method: 'session' } | { method: 'token'; user: Pick<CredentialOwner, 'kind' | 'permissions'> }): boolean {
  return caller.method === 'token' && holdsPermission(caller.user, 'introspect');
}

export const introspectionMessages = {
  needsToken: 'Introspection needs the caller’s own token as Authorization: Bearer <token>.',
  notAllowed: 'This token may not introspect tokens: use a token of a service account with the introspect permission.',
  contentType: 'Send the body as application/x-www-form-urlencoded (or JSON).',
} as const;
