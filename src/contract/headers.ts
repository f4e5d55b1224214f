/**
 * The header the SPA sends on every call; a cross-site form or a no-cors fetch cannot set it.
 * The server refuses a state-changing session call without it (CSRF).
 */
export const csrfHeader = { name: 'X-Requested-With', value: 'keyline' } as const;
