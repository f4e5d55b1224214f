/** Route patterns (for the server and MSW) and path builders (for the client). */
export const routes = {
  session: '/api/session',
  me: '/api/auth/me',
  apiKeys: '/api/api-keys',
  apiKey: '/api/api-keys/:id',
  apiKeyRotate: '/api/api-keys/:id/rotate',
  apiKeyRotateCutOff: '/api/api-keys/:id/rotate/cut-off',
  apiKeyEvents: '/api/api-keys/:id/events',
  tokenChecks: '/api/token-checks',
  policy: '/api/policy',
  adminApiKeys: '/api/admin/api-keys',
  adminApiKeysSummary: '/api/admin/api-keys/summary',
  adminApiKeysRevoke: '/api/admin/api-keys/revoke',
  users: '/api/users',
  user: '/api/users/:id',
  userOffboarding: '/api/users/:id/offboarding',
  userInvite: '/api/users/:id/invite',
  invite: '/api/invites/:code',
  inviteAccept: '/api/invites/:code/accept',
} as const;

export const paths = {
  ...routes,
  apiKey: (id: string) => `/api/api-keys/${encodeURIComponent(id)}`,
  apiKeyRotate: (id: string) => `/api/api-keys/${encodeURIComponent(id)}/rotate`,
  apiKeyRotateCutOff: (id: string) => `/api/api-keys/${encodeURIComponent(id)}/rotate/cut-off`,
  apiKeyEvents: (id: string) => `/api/api-keys/${encodeURIComponent(id)}/events`,
  user: (id: string) => `/api/users/${encodeURIComponent(id)}`,
  userOffboarding: (id: string) => `/api/users/${encodeURIComponent(id)}/offboarding`,
  userInvite: (id: string) => `/api/users/${encodeURIComponent(id)}/invite`,
  invite: (code: string) => `/api/invites/${encodeURIComponent(code)}`,
  inviteAccept: (code: string) => `/api/invites/${encodeURIComponent(code)}/accept`,
} as const;
