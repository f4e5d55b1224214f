import { lazy } from 'react';

/*
 * The dialogs of create, reveal, rotate and revoke are only needed after a click, and with the scope
 * picker and expiry field they are most of the feature's code: they load on demand, so the page's first
 * visit does not pay for them. Hover, focus and idle time preload them, so a click rarely waits.
 */

const loadCreateTokenDialog = () => import('./create-token-dialog');
const loadRevealSecretDialog = () => import('./reveal-secret-dialog');
const loadRotateTokenDialog = () => import('./rotate-token-dialog');
const loadRevokeTokenDialog = () => import('./revoke-token-dialog');

export const LazyCreateTokenDialog = lazy(async () => ({ default: (await loadCreateTokenDialog()).CreateTokenDialog }));
export const LazyRevealSecretDialog = lazy(async () => ({ default: (await loadRevealSecretDialog()).RevealSecretDialog }));
export const LazyRotateTokenDialog = lazy(async () => ({ default: (await loadRotateTokenDialog()).RotateTokenDialog }));
export const LazyRevokeTokenDialog = lazy(async () => ({ default: (await loadRevokeTokenDialog()).RevokeTokenDialog }));

/** Create, then reveal: what the "Create token" button will need. */
export function preloadCreateFlow(): void {
  void loadCreateTokenDialog();
  void loadRevealSecretDialog();
}

/** Rotate (then reveal) and revoke: what a row's buttons will need. */
export function preloadRowActions(): void {
  void loadRotateTokenDialog();
  void loadRevealSecretDialog();
  void loadRevokeTokenDialog();
}

/** While a dialog's code loads (a first click before the preload finished): a calm, announced wait. */
export function DialogPending() {
  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-zinc-950/40 p-4 backdrop-blur-[1px]">
      <p role="status" className="rounded-lg bg-white px-4 py-2 text-sm text-zinc-700 shadow-lg dark:bg-zinc-900 dark:text-zinc-200">
        Opening…
      </p>
    </div>
  );
}
