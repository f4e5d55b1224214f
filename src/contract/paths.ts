/** Route patterns (for the server and MSW) and path builders (for the client). */
export const routes = {
  session: '/api/session',
  me: '/api/auth/me',
  apiKeys: '/api/api-keys',
  apiKey: '/api/api-keys/:id',
  policy: '/api/policy',
} as const;

export const paths = {
  ...routes,
  apiKey: (id: string) => `/api/api-keys/${encodeURIComponent(id)}`,
} as const;
