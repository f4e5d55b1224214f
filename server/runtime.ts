// What the server takes from the process around it: the time and somewhere to log. A leaf: it
// imports nothing, so every room can depend on it without closing a circle through context.ts.

/** The time, injected: tests move it, the server reads the wall clock. */
export type Clock = { now(): Date };

/** Where the server writes what operators read; console by default. */
export type Logger = Pick<Console, 'info' | 'warn' | 'error'>;

/**
 * What a log line may say about an error: its class and, for a database error, its SQLSTATE code.
 * Never its message, stack or properties: a database error carries the statement, its parameters
 * and the values it refused, which came from requests and may hold secrets.
 */
export function errorForLog(error: unknown): { error: string; code?: string } {
  const name = error instanceof Error ? error.constructor.name || error.name : typeof error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? { error: name, code } : { error: name };
}
