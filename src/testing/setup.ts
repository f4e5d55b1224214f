import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { resetStore } from './mocks/store';
import { server } from './server';

// findBy*/waitFor give up after 1 s by default; a busy 2-core CI machine needs more patience.
configure({ asyncUtilTimeout: 4000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));

// jsdom has <dialog> but not its modal methods; this is enough for role queries and focus.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.open = false;
  };
}

// `console.error` fails the test (React warnings, act() warnings, unexpected errors). A test that
// expects one replaces the spy: `vi.mocked(console.error).mockImplementation(() => {})`.
let consoleErrors: unknown[][] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});

afterEach(() => {
  cleanup();
  server.resetHandlers();
  resetStore();
  vi.restoreAllMocks();
  if (consoleErrors.length > 0) {
    const messages = consoleErrors.map((args) => args.map(String).join(' ')).join('\n---\n');
    throw new Error(`console.error was called during the test:\n${messages}`);
  }
});

afterAll(() => server.close());
