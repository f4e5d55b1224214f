// What the server takes from the process around it: the time and somewhere to log. A leaf: it
// imports nothing, so every room can depend on it without closing a circle through context.ts.

/** The time, injected: tests move it, the server reads the wall clock. */
export type Clock = { now(): Date };

/** Where the server writes what operators read; console by default. */
export type Logger = Pick<Console, 'info' | 'warn' | 'error'>;
