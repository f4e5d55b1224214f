import { z } from 'zod/mini';
import { notificationPreferencesSchema, updateNotificationPreferencesRequestSchema } from './notification-preferences';
import { accountSessionListSchema, changePasswordRequestSchema, changePasswordResponseSchema, signOutOthersResponseSchema } from './account';
import {
  adminApiKeyFilterSchema,
  adminApiKeyListQuerySchema,
  adminApiKeyListSchema,
  adminApiKeySummarySchema,
  adminUsageQuerySchema,
  adminUsageSchema,
  bulkNarrowRequestSchema,
  bulkNarrowResponseSchema,
  bulkRevokeRequestSchema,
  bulkRevokeResponseSchema,
} from './admin';
import {
  approveDeviceRequestSchema,
  approveDeviceResponseSchema,
  denyDeviceRequestSchema,
  deviceCodeRequestSchema,
  deviceCodeResponseSchema,
  deviceLookupRequestSchema,
  deviceRequestSchema,
  deviceTokenErrorSchema,
  deviceTokenRequestSchema,
} from './device';
import { errorEnvelopeSchema } from './errors';
import {
  createServiceAccountRequestSchema,
  serviceAccountListQuerySchema,
  serviceAccountListSchema,
  serviceAccountSchema,
  updateServiceAccountRequestSchema,
} from './service-accounts';
import { serviceAccountDeactivationPreviewSchema } from './service-account-deactivation';
import { introspectionRequestSchema, introspectionResponseSchema } from './introspection';
import { dailyUsageListSchema, dailyUsageQuerySchema, narrowScopesRequestSchema, tokenUsageSchema } from './usage';
import { ssoInfoSchema, ssoStartQuerySchema } from './sso';
import {
  createWebhookRequestSchema,
  updateWebhookRequestSchema,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookWithSecretSchema,
} from './webhooks';
import { githubLeakFeedbackSchema, githubScanningHeaders, githubSecretReportSchema, revokeLeakedRequestSchema, revokeLeakedResponseSchema } from './leaks';
import { apiKeyEventListSchema, rotateApiKeyRequestSchema, tokenCheckRequestSchema, tokenCheckResponseSchema } from './lifecycle';
import {
  acceptInviteRequestSchema,
  addMemberRequestSchema,
  inviteInfoSchema,
  inviteResponseSchema,
  memberDetailSchema,
  memberListQuerySchema,
  memberListSchema,
  memberSchema,
  offboardingPreviewSchema,
  updateMemberRequestSchema,
} from './members';
import { routes } from './paths';
import { policySchema } from './policy';
import { updatePolicyRequestSchema } from './policy-update';
import { apiKeyListQuerySchema, apiKeyListSchema, apiKeySchema, createApiKeyRequestSchema, createApiKeyResponseSchema } from './tokens';
import { timestampSchema } from './timestamp';
import { meResponseSchema, signInRequestSchema, signInResponseSchema, userSchema } from './users';

/**
 * The API as `GET /api/openapi.json` describes it: one entry per route the server mounts, built from
 * the same schemas the server validates with and the SPA parses with. The server turns this catalog
 * into the OpenAPI document (`server/openapi/`); a test fails, naming the route, when the server
 * mounts a route this catalog lacks or the other way round. Adding a route is one entry below.
 *
 * What an entry leaves out, the document derives from it: the statuses every route of its kind can
 * answer (401 and 429 for a credential, 403 for a session-only or state-changing call, 404 for a
 * path with an id, 400/413/415 for input), the CSRF header on state-changing calls, and `{param}`s.
 */

/** How a caller proves who they are. `either`: a session cookie or `Authorization: Bearer <token>`. */
export type ApiAuth = 'none' | 'session' | 'bearer' | 'either';
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** Failures a route answers besides those its kind implies (see above), each in the error envelope. */
export type ApiErrorStatus = 401 | 404 | 409 | 422 | 429;

type Schema = z.core.$ZodType;

export type ApiOperation = {
  method: ApiMethod;
  /** As in `routes` (`paths.ts`), with `:param`s. */
  path: string;
  /** Unique, camelCase: names the operation for generated clients and its unnamed schemas. */
  operationId: string;
  summary: string;
  description?: string;
  tag: ApiTag;
  auth: ApiAuth;
  /** Only workspace admins: everyone else gets 403, whatever the input. */
  adminOnly?: boolean;
  /** Query string: each field of the object is one parameter. */
  query?: z.core.$ZodObject;
  body?: Schema;
  /** The status malformed input gets: 400 unless the route answers 422 for it too (the policy form's fields). */
  invalidInputStatus?: 400 | 422;
  success: { status: 200 | 201 | 202 | 204 | 302; description: string; schema?: Schema };
  errors?: readonly ApiErrorStatus[];
  /** A 400 in a shape of its own besides the envelope (RFC 8628's flat `{"error": "…"}`). */
  ownBadRequest?: Schema;
  /** The answer sets the session cookie. */
  signsIn?: boolean;
  /** The answer holds a secret or a one-time link: sent with `Cache-Control: no-store`. */
  secret?: boolean;
  /** The same for every caller: shared caches may keep it, and it answers 304 to a matching `If-None-Match`. */
  cacheable?: boolean;
  /** Reads no cookie, so a cross-site form can't act for anyone: no CSRF header, no 403 (the leak reports). */
  readsNoCookie?: boolean;
};

export const apiTags = {
  Session: 'Signing in and out with a username and password (an HttpOnly session cookie).',
  Account: 'Who is calling, and my own sessions and password.',
  Tokens: 'My tokens: list, create, rotate, revoke, their timeline, and testing a found secret. With a session, or with the token a device login (the `keyline` CLI) got; any other token is refused (403): a leaked CI token must not mint successors.',
  Policy: 'The token policy: lifetimes, environments and the scopes each may have.',
  Admin: 'Every user’s tokens, for workspace admins: the stale-key review and bulk revoke.',
  People: 'Members of the workspace, and the invite and password-reset links they open.',
  Device: 'Device authorization (RFC 8628): how the `keyline` CLI signs in after an approval in the browser.',
  ServiceAccounts: 'Owners of tokens that are not people (pipelines, integrations, resource servers): no sign-in, managers who may manage their tokens through the token calls (`owner`, `ownerId`), and permissions such as `introspect`.',
  Webhooks: 'Signed lifecycle events (Standard Webhooks) sent to endpoints admins register, with a delivery log.',
  Usage: 'How tokens are used: RFC 7662 introspection for resource servers, usage counts, and narrowing a token to the scopes it uses.',
  Leaks: 'Reports of leaked secrets: from GitHub’s secret scanning, or from anyone holding one. Each revokes at once.',
  Meta: 'This description.',
} as const;
export type ApiTag = keyof typeof apiTags;

/** The schemas the document names (`#/components/schemas/<name>`); any other is named after its operation. */
export const namedApiSchemas: Record<string, Schema> = {
  Timestamp: timestampSchema,
  ErrorEnvelope: errorEnvelopeSchema,
  User: userSchema,
  ApiKey: apiKeySchema,
  NewSecret: createApiKeyResponseSchema,
  Policy: policySchema,
  Member: memberSchema,
  MemberDetail: memberDetailSchema,
  InviteLink: inviteResponseSchema,
  SignedIn: signInResponseSchema,
  AdminApiKeyFilter: adminApiKeyFilterSchema,
  DeviceRequest: deviceRequestSchema,
  DeviceLookup: deviceLookupRequestSchema,
  DeviceApproval: approveDeviceRequestSchema,
  DeviceDenial: denyDeviceRequestSchema,
  DeviceTokenError: deviceTokenErrorSchema,
};

/** What `GET /api/openapi.json` answers: an OpenAPI 3.1 document (only its outline is checked here). */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type OpenApiDocument = z.infer<typeof openApiDocumentSchema>;

export const apiDescriptionInfo = {
  title: 'Keyline API',
  version: '1.0.0',
  description:
    'Personal access tokens and the people who own them. JSON in camelCase under `/api`. Every failure is ' +
    '`{"error": {"type", "message", "fields"?}}` (device polling aside, which keeps RFC 8628’s shape).',
} as const;

const ok = (description: string, schema?: Schema) => ({ status: 200, description, schema }) as const;
const created = (description: string, schema: Schema) => ({ status: 201, description, schema }) as const;
const noContent = (description: string) => ({ status: 204, description }) as const;
const redirect = (description: string) => ({ status: 302, description }) as const;
const accepted = (description: string, schema: Schema) => ({ status: 202, description, schema }) as const;

export const apiOperations: readonly ApiOperation[] = [
  // Session
  {
    method: 'post', path: routes.session, operationId: 'signIn', tag: 'Session', auth: 'none',
    summary: 'Sign in', description: 'Failures are limited per username and address: past the limit even a right password gets 429.',
    body: signInRequestSchema, success: ok('Signed in; the session cookie is set.', signInResponseSchema), errors: [401, 429], signsIn: true,
  },
  { method: 'delete', path: routes.session, operationId: 'signOut', tag: 'Session', auth: 'none', summary: 'Sign out', success: noContent('Signed out; the cookie is cleared.') },

  // Account
  { method: 'get', path: routes.me, operationId: 'getMe', tag: 'Account', auth: 'either', summary: 'Who is calling', success: ok('The caller and how they proved it.', meResponseSchema) },
  { method: 'delete', path: routes.authToken, operationId: 'revokePresentedToken', tag: 'Account', auth: 'bearer', summary: 'Revoke the token making this call', description: 'Ends the presenting token and nothing else (the CLI’s logout). A session gets 400.', success: noContent('Revoked.') },
  { method: 'get', path: routes.accountSessions, operationId: 'listMySessions', tag: 'Account', auth: 'session', summary: 'List my sessions', success: ok('The current session first.', accountSessionListSchema) },
  { method: 'delete', path: routes.accountSessions, operationId: 'signOutOtherSessions', tag: 'Account', auth: 'session', summary: 'Sign out every other session', success: ok('How many were ended.', signOutOthersResponseSchema) },
  { method: 'delete', path: routes.accountSession, operationId: 'signOutSession', tag: 'Account', auth: 'session', summary: 'Sign out one of my sessions', success: noContent('Signed out.'), errors: [409] },
  {
    method: 'post', path: routes.accountPassword, operationId: 'changePassword', tag: 'Account', auth: 'session', summary: 'Change my password',
    description: 'Signs out every other session.', body: changePasswordRequestSchema, success: ok('Changed.', changePasswordResponseSchema), errors: [422, 429],
  },
  { method: 'get', path: routes.accountNotifications, operationId: 'getMyNotificationPreferences', tag: 'Account', auth: 'session', summary: 'My email notice preferences', success: ok('Where notices go and which ones.', notificationPreferencesSchema) },
  {
    method: 'put', path: routes.accountNotifications, operationId: 'setMyNotificationPreferences', tag: 'Account', auth: 'session', summary: 'Set my email notice preferences',
    description: 'Expiry reminders may be turned off; revocation by someone else and leak notices always go.', body: updateNotificationPreferencesRequestSchema, success: ok('Saved.', notificationPreferencesSchema),
  },

  // Tokens
  { method: 'get', path: routes.apiKeys, operationId: 'listApiKeys', tag: 'Tokens', auth: 'either', summary: 'List my tokens', query: apiKeyListQuerySchema, success: ok('One page.', apiKeyListSchema) },
  {
    method: 'post', path: routes.apiKeys, operationId: 'createApiKey', tag: 'Tokens', auth: 'either', summary: 'Create a token',
    description: 'The only answer besides a rotate that holds the secret: shown once.', body: createApiKeyRequestSchema,
    success: created('The token and its secret.', createApiKeyResponseSchema), errors: [409, 422, 429], secret: true,
  },
  { method: 'get', path: routes.apiKey, operationId: 'getApiKey', tag: 'Tokens', auth: 'either', summary: 'Get one of my tokens', success: ok('The token.', apiKeySchema) },
  { method: 'delete', path: routes.apiKey, operationId: 'revokeApiKey', tag: 'Tokens', auth: 'either', summary: 'Revoke a token', description: 'Immediate and idempotent.', success: noContent('Revoked.') },
  { method: 'get', path: routes.apiKeyEvents, operationId: 'listApiKeyEvents', tag: 'Tokens', auth: 'either', summary: 'A token’s timeline', success: ok('Oldest first.', apiKeyEventListSchema) },
  {
    method: 'post', path: routes.apiKeyRotate, operationId: 'rotateApiKey', tag: 'Tokens', auth: 'either', summary: 'Rotate a token',
    description: 'A new secret with the same settings; the old one dies now or after the grace period.', body: rotateApiKeyRequestSchema,
    success: created('The token and its new secret.', createApiKeyResponseSchema), errors: [409, 422, 429], secret: true,
  },
  { method: 'post', path: routes.apiKeyRotateCutOff, operationId: 'cutOffPreviousSecret', tag: 'Tokens', auth: 'either', summary: 'End a rotation’s grace period now', success: noContent('The previous secret stops working.') },
  {
    method: 'post', path: routes.tokenChecks, operationId: 'checkToken', tag: 'Tokens', auth: 'session', summary: 'Test a found secret',
    description: 'Whose it is and whether it works; the secret travels in the body only.', body: tokenCheckRequestSchema,
    success: ok('What the secret is.', tokenCheckResponseSchema), errors: [429], secret: true,
  },

  // Policy
  { method: 'get', path: routes.policy, operationId: 'getPolicy', tag: 'Policy', auth: 'either', summary: 'The token policy', success: ok('The policy and the scope catalog.', policySchema) },
  { method: 'put', path: routes.policy, operationId: 'updatePolicy', tag: 'Policy', auth: 'session', adminOnly: true, summary: 'Change the token policy', body: updatePolicyRequestSchema, invalidInputStatus: 422, success: ok('The policy now.', policySchema) },

  // Admin
  { method: 'get', path: routes.adminApiKeys, operationId: 'listAllApiKeys', tag: 'Admin', auth: 'session', adminOnly: true, summary: 'Every user’s tokens', query: adminApiKeyListQuerySchema, success: ok('One page.', adminApiKeyListSchema) },
  { method: 'get', path: routes.adminApiKeysSummary, operationId: 'summarizeAllApiKeys', tag: 'Admin', auth: 'session', adminOnly: true, summary: 'Counts for the review', query: adminApiKeyFilterSchema, success: ok('The numbers for these filters.', adminApiKeySummarySchema) },
  {
    method: 'post', path: routes.adminApiKeysRevoke, operationId: 'bulkRevokeApiKeys', tag: 'Admin', auth: 'session', adminOnly: true, summary: 'Revoke many tokens',
    description: 'All or nothing, by ids or by filter.', body: bulkRevokeRequestSchema, success: ok('How many were revoked.', bulkRevokeResponseSchema), errors: [404, 422],
  },
  {
    method: 'post', path: routes.adminApiKeysNarrow, operationId: 'bulkNarrowApiKeys', tag: 'Admin', auth: 'session', adminOnly: true, summary: 'Remove unused scopes from many tokens',
    description: 'Each token loses the scopes it held 30 days or more without a use, as its page suggests; only ever takes scopes away. A token with nothing to remove is skipped and reported.',
    body: bulkNarrowRequestSchema, success: ok('What was removed from which token, and which were skipped and why.', bulkNarrowResponseSchema),
  },
  { method: 'get', path: routes.adminUsage, operationId: 'getWorkspaceUsage', tag: 'Admin', auth: 'session', adminOnly: true, summary: 'The workspace’s usage', description: 'Calls per day by outcome, every token together, and the busiest tokens of the period.', query: adminUsageQuerySchema, success: ok('Every day of the period, oldest first, and the top tokens.', adminUsageSchema) },

  // People
  { method: 'get', path: routes.users, operationId: 'listMembers', tag: 'People', auth: 'session', summary: 'List people', description: 'Admins see everyone; members themselves.', query: memberListQuerySchema, success: ok('One page.', memberListSchema) },
  { method: 'post', path: routes.users, operationId: 'addMember', tag: 'People', auth: 'session', adminOnly: true, summary: 'Add a person', body: addMemberRequestSchema, success: created('The person and their one-time invite link.', inviteResponseSchema), errors: [422], secret: true },
  { method: 'get', path: routes.user, operationId: 'getMember', tag: 'People', auth: 'session', summary: 'Get a person', success: ok('The person and their history.', memberDetailSchema) },
  { method: 'patch', path: routes.user, operationId: 'updateMember', tag: 'People', auth: 'session', adminOnly: true, summary: 'Change a role, deactivate or reactivate', body: updateMemberRequestSchema, success: ok('The person now.', memberDetailSchema), errors: [409, 422] },
  { method: 'get', path: routes.userOffboarding, operationId: 'previewOffboarding', tag: 'People', auth: 'session', adminOnly: true, summary: 'What deactivating would stop', success: ok('Live tokens and sessions.', offboardingPreviewSchema) },
  { method: 'post', path: routes.userInvite, operationId: 'issueInviteLink', tag: 'People', auth: 'session', adminOnly: true, summary: 'A new invite or password-reset link', success: ok('The new link, shown once.', inviteResponseSchema), errors: [409], secret: true },
  { method: 'get', path: routes.invite, operationId: 'getInvite', tag: 'People', auth: 'none', summary: 'What an invite link is for', success: ok('Who it is for.', inviteInfoSchema), errors: [429] },
  { method: 'post', path: routes.inviteAccept, operationId: 'acceptInvite', tag: 'People', auth: 'none', summary: 'Accept an invite with a new password', body: acceptInviteRequestSchema, success: ok('Signed in; the session cookie is set.', signInResponseSchema), errors: [429], signsIn: true },

  // Device
  {
    method: 'post', path: routes.deviceCode, operationId: 'startDeviceAuthorization', tag: 'Device', auth: 'none', summary: 'Start a device login',
    body: deviceCodeRequestSchema, success: ok('The codes to show and poll with.', deviceCodeResponseSchema), errors: [429], secret: true,
  },
  {
    method: 'post', path: routes.deviceToken, operationId: 'pollDeviceToken', tag: 'Device', auth: 'none', summary: 'Poll for the token',
    description: 'Until approved: 400 with RFC 8628’s `authorization_pending`, `slow_down`, `access_denied`, `expired_token` or `invalid_grant`.',
    body: deviceTokenRequestSchema, success: ok('Approved: the token and its secret, once.', createApiKeyResponseSchema), ownBadRequest: deviceTokenErrorSchema, errors: [409, 429], secret: true,
  },
  { method: 'post', path: routes.deviceLookup, operationId: 'lookUpDeviceRequest', tag: 'Device', auth: 'session', summary: 'Find the request a user code belongs to', body: deviceLookupRequestSchema, success: ok('The pending request.', deviceRequestSchema), errors: [404, 429] },
  { method: 'post', path: routes.deviceApprove, operationId: 'approveDeviceRequest', tag: 'Device', auth: 'session', summary: 'Approve a device login', body: approveDeviceRequestSchema, success: ok('The token made; its secret goes only to the machine.', approveDeviceResponseSchema), errors: [409, 422, 429] },
  { method: 'post', path: routes.deviceDeny, operationId: 'denyDeviceRequest', tag: 'Device', auth: 'session', summary: 'Deny a device login', body: denyDeviceRequestSchema, success: noContent('Denied.'), errors: [429] },

  // Single sign-on (OpenID Connect), when configured
  { method: 'get', path: routes.sso, operationId: 'getSingleSignOn', tag: 'Session', auth: 'none', summary: 'Whether single sign-on is on, and through whom', success: ok('The provider, or null.', ssoInfoSchema) },
  {
    method: 'get', path: routes.ssoStart, operationId: 'startSingleSignOn', tag: 'Session', auth: 'none', summary: 'Sign in through the provider',
    description: 'Authorization code with PKCE, state and nonce. 404 when single sign-on is off.',
    query: ssoStartQuerySchema, success: redirect('To the provider’s sign-in page.'), errors: [404, 429],
  },
  {
    method: 'get', path: routes.ssoCallback, operationId: 'finishSingleSignOn', tag: 'Session', auth: 'none', summary: 'Where the provider sends the browser back',
    description: 'Signed in: to the `returnTo` given at the start. Any failure: to `/sign-in?sso_error=<code>` (never a token or code in that URL).',
    success: redirect('Signed in, or sent back to the sign-in page with the reason.'), signsIn: true, errors: [404],
  },

  // Service accounts
  { method: 'get', path: routes.serviceAccounts, operationId: 'listServiceAccounts', tag: 'ServiceAccounts', auth: 'session', summary: 'Service accounts', description: 'Admins see every one; anyone else those they manage. Active ones unless `status=deactivated`.', query: serviceAccountListQuerySchema, success: ok('The service accounts.', serviceAccountListSchema) },
  { method: 'post', path: routes.serviceAccounts, operationId: 'createServiceAccount', tag: 'ServiceAccounts', auth: 'session', adminOnly: true, summary: 'Add a service account', body: createServiceAccountRequestSchema, invalidInputStatus: 422, success: created('The service account.', serviceAccountSchema) },
  { method: 'get', path: routes.serviceAccount, operationId: 'getServiceAccount', tag: 'ServiceAccounts', auth: 'session', summary: 'One service account', success: ok('The service account.', serviceAccountSchema) },
  { method: 'patch', path: routes.serviceAccount, operationId: 'updateServiceAccount', tag: 'ServiceAccounts', auth: 'session', adminOnly: true, summary: 'Change a service account', description: 'Name, description, managers, permissions; `status: deactivated` revokes its live tokens at once, `active` reactivates it (its tokens stay revoked).', body: updateServiceAccountRequestSchema, invalidInputStatus: 422, success: ok('The service account now.', serviceAccountSchema) },
  { method: 'get', path: routes.serviceAccountDeactivation, operationId: 'previewServiceAccountDeactivation', tag: 'ServiceAccounts', auth: 'session', adminOnly: true, summary: 'What deactivating a service account would stop', success: ok('Its live tokens, with their last use.', serviceAccountDeactivationPreviewSchema) },

  // Webhooks (admins, with a session: a leaked token must not redirect everyone's events)
  { method: 'get', path: routes.webhooks, operationId: 'listWebhooks', tag: 'Webhooks', auth: 'session', adminOnly: true, summary: 'Webhook endpoints', success: ok('Every endpoint.', webhookEndpointListSchema) },
  { method: 'post', path: routes.webhooks, operationId: 'createWebhook', tag: 'Webhooks', auth: 'session', adminOnly: true, summary: 'Add a webhook endpoint', description: 'A URL that names or resolves to a private address is refused (422) unless the server allows them.', body: createWebhookRequestSchema, invalidInputStatus: 422, success: created('The endpoint and its signing secret, once.', webhookWithSecretSchema), secret: true },
  { method: 'get', path: routes.webhook, operationId: 'getWebhook', tag: 'Webhooks', auth: 'session', adminOnly: true, summary: 'One webhook endpoint', success: ok('The endpoint.', webhookEndpointSchema) },
  { method: 'patch', path: routes.webhook, operationId: 'updateWebhook', tag: 'Webhooks', auth: 'session', adminOnly: true, summary: 'Change a webhook endpoint', body: updateWebhookRequestSchema, invalidInputStatus: 422, success: ok('The endpoint now.', webhookEndpointSchema) },
  { method: 'delete', path: routes.webhook, operationId: 'deleteWebhook', tag: 'Webhooks', auth: 'session', adminOnly: true, summary: 'Remove a webhook endpoint', success: noContent('Removed, with its queued deliveries.') },
  { method: 'post', path: routes.webhookSecret, operationId: 'rotateWebhookSecret', tag: 'Webhooks', auth: 'session', adminOnly: true, summary: 'Rotate the signing secret', success: ok('The endpoint and its new signing secret, once.', webhookWithSecretSchema), secret: true },
  { method: 'post', path: routes.webhookTest, operationId: 'sendWebhookTestEvent', tag: 'Webhooks', auth: 'session', adminOnly: true, summary: 'Send a test event', success: accepted('Queued.', webhookDeliverySchema) },
  { method: 'get', path: routes.webhookDeliveries, operationId: 'listWebhookDeliveries', tag: 'Webhooks', auth: 'session', adminOnly: true, summary: 'The delivery log', success: ok('Newest first.', webhookDeliveryListSchema) },
  { method: 'post', path: routes.webhookRedeliver, operationId: 'redeliverWebhook', tag: 'Webhooks', auth: 'session', adminOnly: true, summary: 'Send a delivery again', success: accepted('Queued again.', webhookDeliverySchema) },

  // Introspection and usage
  {
    method: 'post', path: routes.introspect, operationId: 'introspectToken', tag: 'Usage', auth: 'bearer', summary: 'Introspect a token (RFC 7662)',
    description: 'For platform developers whose API receives Keyline tokens: your gateway or resource server asks here about each bearer token it is sent, instead of trusting it. It authenticates with its own token, one of a service account an admin gave the `introspect` permission (a person’s token is refused). The body is a form (`token=…`, optional `token_type_hint`, `required_scope`) or the same fields as JSON. Every inactive token — unknown, malformed, expired, revoked — answers `{"active": false}` alone: answer your caller 401. With `required_scope` (one scope or several, space-separated; `write:x` grants `read:x`), an active answer says `required_scope_granted`: when false, answer 403. Each check counts towards the token’s usage, a denial as a denial. The “Use a token” panel shows a ready gateway in Node.',
    body: introspectionRequestSchema, success: ok('Active with what it may do, or inactive.', introspectionResponseSchema),
  },
  { method: 'get', path: routes.apiKeyUsage, operationId: 'getApiKeyUsage', tag: 'Usage', auth: 'session', summary: 'A token’s usage', description: '30 days per day, the scopes used with their last use, the clients seen, and scopes unused long enough to remove.', success: ok('The usage.', tokenUsageSchema) },
  { method: 'get', path: routes.dailyUsage, operationId: 'listDailyUsage', tag: 'Usage', auth: 'session', summary: 'Requests per day for several tokens', description: 'For the lists’ sparklines: one call per page. Tokens the caller may not see are left out.', query: dailyUsageQuerySchema, success: ok('Per token id, the last 14 days, oldest first: calls, and of those the denials and rejections.', dailyUsageListSchema) },
  { method: 'post', path: routes.apiKeyNarrow, operationId: 'narrowApiKeyScopes', tag: 'Usage', auth: 'session', summary: 'Remove scopes from a token', description: 'Only ever takes scopes away: the secret stays, nothing is rotated.', body: narrowScopesRequestSchema, invalidInputStatus: 422, success: ok('The token now.', apiKeySchema), errors: [409] },

  // Leaks
  {
    method: 'post', path: routes.secretScanningGithub, operationId: 'reportGithubSecretScanningMatches', tag: 'Leaks', auth: 'none', readsNoCookie: true,
    summary: 'Report leaked secrets (GitHub secret scanning)',
    description: `GitHub's partner format, signed with ECDSA P-256 over the raw body (\`${githubScanningHeaders.keyId}\`, \`${githubScanningHeaders.signature}\`). A bad or missing signature is 401 and revokes nothing. Idempotent.`,
    body: githubSecretReportSchema, success: ok('Per match, in order: one of ours (now revoked) or not.', githubLeakFeedbackSchema), errors: [401],
  },
  {
    method: 'post', path: routes.revokeLeaked, operationId: 'revokeLeakedToken', tag: 'Leaks', auth: 'none', readsNoCookie: true,
    summary: 'Revoke a leaked token',
    description: 'Holding the secret is the proof. The answer is the same whatever the token was, so it reveals nothing about it.',
    body: revokeLeakedRequestSchema, success: accepted('Received: a live Keyline token is now revoked.', revokeLeakedResponseSchema), errors: [429],
  },

  // Meta
  { method: 'get', path: routes.openApi, operationId: 'getOpenApiDocument', tag: 'Meta', auth: 'none', summary: 'This OpenAPI document', success: ok('OpenAPI 3.1.', openApiDocumentSchema), cacheable: true },
];
