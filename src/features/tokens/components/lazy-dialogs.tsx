import { lazy, Suspense, type ReactNode } from 'react';
import { LoadFailedNotice } from '../../../components/load-failed-notice';
import { createImportRetry, useImportFailed } from '../../../lib/retryable-import';

/*
 * The dialogs of create, reveal, rotate and revoke are only needed after a click, and with the scope
 * picker and expiry field they are most of the feature's code: they load on demand, so the page's first
 * visit does not pay for them. Hover, focus and idle time preload them, so a click rarely waits.
 */

// One import per dialog, shared by the preloads and the lazy components; a failed one waits for Retry
// instead of failing the page (see DialogSuspense).
const dialogImports = createImportRetry();
const loadCreateTokenDialog = dialogImports.once(() => import('./create-token-dialog'));
const loadRevealSecretDialog = dialogImports.once(() => import('./reveal-secret-dialog'));
const loadRotateTokenDialog = dialogImports.once(() => import('./rotate-token-dialog'));
const loadRevokeTokenDialog = dialogImports.once(() => import('./revoke-token-dialog'));
const loadReportLeakDialog = dialogImports.once(() => import('./report-leak-dialog'));

export const LazyCreateTokenDialog = lazy(async () => ({ default: (await loadCreateTokenDialog()).CreateTokenDialog }));
export const LazyRevealSecretDialog = lazy(async () => ({ default: (await loadRevealSecretDialog()).RevealSecretDialog }));
export const LazyRotateTokenDialog = lazy(async () => ({ default: (await loadRotateTokenDialog()).RotateTokenDialog }));
export const LazyRevokeTokenDialog = lazy(async () => ({ default: (await loadRevokeTokenDialog()).RevokeTokenDialog }));
export const LazyReportLeakDialog = lazy(async () => ({ default: (await loadReportLeakDialog()).ReportLeakDialog }));

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

/** "Report as leaked": what a live token found by "Test a token" may need. */
export function preloadReportLeak(): void {
  void loadReportLeakDialog();
}

/**
 * Where a lazy dialog renders: while its code loads, a calm, announced wait; if the code can't be
 * fetched, "Couldn't open — check your connection" with Retry, over the page that stays as it was.
 * `onCancel` closes the flow (the dialog opens at once when its code arrives on a later try).
 */
export function DialogSuspense({ onCancel, children }: { onCancel: () => void; children: ReactNode }) {
  return <Suspense fallback={<DialogPending onCancel={onCancel} />}>{children}</Suspense>;
}

function DialogPending({ onCancel }: { onCancel: () => void }) {
  const failed = useImportFailed(dialogImports);
  if (failed) return <LoadFailedNotice onRetry={dialogImports.retry} onCancel={onCancel} />;
  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-zinc-950/40 p-4 backdrop-blur-[1px]">
      <p role="status" className="rounded-lg bg-white px-4 py-2 text-sm text-zinc-700 shadow-lg dark:bg-zinc-900 dark:text-zinc-200">
        Opening…
      </p>
    </div>
  );
}
